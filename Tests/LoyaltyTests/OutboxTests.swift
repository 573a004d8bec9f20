import Foundation
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
}
