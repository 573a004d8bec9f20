import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct OutboxTests {
    @Test func pendingUploadsComeInCommitOrderWithWhatTheServerNeeds() async throws {
        let fixture = try LedgerFixture()
        let accrual = try await fixture.accrue(10_000)
        try await fixture.ledger.accrue(Accrual(member: .barcode("77000001"), payment: 5_000), key: fixture.newKey())
        let cancellation = try await fixture.cancel(accrual.transaction.id)
        let items = try await fixture.ledger.pendingUploads(limit: 10)
        #expect(items.map(\.seq) == [1, 2, 3])
        #expect(items[0].id == accrual.transaction.syncID.uuidString.lowercased())
        #expect(items[0].phone?.digits == "01012345678")
        #expect(items[1].barcode == "77000001")
        #expect(items[2].transaction.id == cancellation.transaction.id)
        #expect(items[2].cancels == items[0].id)
        #expect(try await fixture.ledger.pendingUploads(limit: 2).count == 2)
        #expect(try await fixture.ledger.pendingUploads(limit: 10, after: items[0].seq).map(\.seq) == [2, 3])
    }

    @Test func deliveredLeaveTheQueueAndRefusedBecomeDeadLettersUntilRetried() async throws {
        let fixture = try LedgerFixture()
        for payment in [10_000, 20_000, 30_000] as [Int64] { try await fixture.accrue(payment) }
        let items = try await fixture.ledger.pendingUploads(limit: 10)
        let now = fixture.clock.now()
        try await fixture.ledger.recordUpload(
            delivered: [items[0].seq, items[2].seq], refused: [(items[1].seq, "unknown_store", "store is not registered")], at: now)
        #expect(try await fixture.ledger.pendingUploads(limit: 10).isEmpty)
        #expect(try await fixture.ledger.outboxBacklog().count == 0)
        let dead = try await fixture.ledger.deadLetters()
        #expect(dead.map(\.id) == [items[1].id])
        #expect(dead.first?.code == "unknown_store")
        let state = try await fixture.ledger.syncState()
        #expect(state.lastSuccess == Date(ledgerMilliseconds: now.ledgerMilliseconds))
        #expect(try await fixture.ledger.retryDeadLetters() == 1)
        #expect(try await fixture.ledger.pendingUploads(limit: 10).map(\.id) == [items[1].id])
        #expect(try await fixture.ledger.deadLetters().isEmpty)
    }

    @Test func deliveredSeqsMarkExactlyThoseRowsWhateverTheirGaps() async throws {
        let fixture = try LedgerFixture()
        for payment in 1...9 { try await fixture.accrue(Int64(payment) * 1_000) }
        let items = try await fixture.ledger.pendingUploads(limit: 10)
        // Unsorted, repeated, with gaps: runs 1-3, 5 and 7-8 of the nine.
        let delivered = [8, 2, 1, 3, 5, 7, 2].map { items[$0 - 1].seq }
        try await fixture.ledger.recordUpload(delivered: delivered, refused: [], at: fixture.clock.now())
        #expect(try await fixture.ledger.pendingUploads(limit: 10).map(\.seq) == [4, 6, 9].map { items[$0 - 1].seq })
    }

    @Test(arguments: [
        ([], []),
        ([5], [5...5]),
        ([3, 1, 2], [1...3]),
        ([1, 2, 2, 4, 6, 7, 9], [1...2, 4...4, 6...7, 9...9]),
    ] as [([Int64], [ClosedRange<Int64>])])
    func seqsBecomeRunsOfConsecutiveNumbers(seqs: [Int64], runs: [ClosedRange<Int64>]) {
        #expect(Ledger.consecutiveRuns(seqs) == runs)
    }

    @Test func aFailedAttemptKeepsEverythingQueuedAndSaysWhy() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(10_000)
        try await fixture.ledger.recordUploadFailure("server answered 503", at: fixture.clock.now())
        #expect(try await fixture.ledger.outboxBacklog().count == 1)
        let state = try await fixture.ledger.syncState()
        #expect(state.lastError == "server answered 503")
        #expect(state.lastSuccess == nil)
    }

    @Test func deliveryIsRecordedOnceEvenIfReportedTwice() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(10_000)
        let item = try #require(try await fixture.ledger.pendingUploads(limit: 1).first)
        try await fixture.ledger.recordUpload(delivered: [item.seq], refused: [], at: fixture.clock.now())
        fixture.clock.advance(by: 60)
        try await fixture.ledger.recordUpload(delivered: [], refused: [(item.seq, "late", "a late refusal")], at: fixture.clock.now())
        #expect(try await fixture.ledger.deadLetters().isEmpty, "a delivered transaction never becomes a dead letter")
    }

    /// A drain joins the JSON stored at commit: byte for byte what the writer makes of each transaction
    /// as `pendingUploads` reads it, for every kind of transaction; a row committed before the outbox
    /// stored JSON (migration v7) gets the same bytes.
    @Test func theStoredUploadJSONIsWhatTheWriterMakesOfEachTransaction() async throws {
        let fixture = try LedgerFixture.withStampCards()
        try await fixture.ledger.importAccruals([
            HistoricalAccrual(member: fixture.phone("010-5555-0001"), payment: 7_000,
                              occurredAt: LedgerFixture.start.addingTimeInterval(-86_400)),
        ])
        let filling = try await fixture.accrue(60_000)  // fills a stamp card: a coupon_issue follows it
        try await fixture.ledger.accrue(Accrual(member: .barcode("77000001"), payment: 5_000), key: fixture.newKey())
        let code = try #require(try await fixture.issueVoucher().coupons.first).code
        let redemption = try await fixture.redeem(code)
        try await fixture.cancelRedemption(redemption.transaction.id)
        try await fixture.cancel(filling.transaction.id)  // voids the card's coupon too
        #expect(try await unwritten(fixture) == 0, "every commit stores its rows' JSON")

        let items = try await fixture.ledger.pendingUploads(limit: 100)
        #expect(items.count >= 9)
        #expect(items.contains { $0.coupon != nil } && items.contains { $0.cancels != nil } && items.contains { $0.barcode != nil })
        let expected = Array(items.map { $0.json(timeZone: LedgerFixture.seoul) }.joined(separator: [UInt8(ascii: ",")]))
        let batch = try #require(try await fixture.ledger.pendingUploadBatch(limit: 100))
        #expect(batch.seqs == items.map(\.seq))
        #expect(batch.ids == items.map(\.id))
        #expect(batch.json == expected)

        try await fixture.ledger.database.pool.write { db in
            try db.execute(sql: "DELETE FROM outbox_upload WHERE seq % 2 = 0")
        }
        #expect(try await unwritten(fixture) > 0)
        #expect(try await fixture.ledger.pendingUploadBatch(limit: 100)?.json == expected)

        let rest = try #require(try await fixture.ledger.pendingUploadBatch(limit: 2, after: items[2].seq))
        #expect(rest.seqs == [items[3].seq, items[4].seq])
        #expect(rest.json == Array([items[3], items[4]].map { $0.json(timeZone: LedgerFixture.seoul) }.joined(separator: [UInt8(ascii: ",")])))
        try await fixture.ledger.recordUpload(delivered: items.map(\.seq), refused: [], at: fixture.clock.now())
        #expect(try await fixture.ledger.pendingUploadBatch(limit: 100) == nil)
    }

    private func unwritten(_ fixture: LedgerFixture) async throws -> Int {
        try await fixture.ledger.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE seq NOT IN (SELECT seq FROM outbox_upload)") ?? -1
        }
    }
}
