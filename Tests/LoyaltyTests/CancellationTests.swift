import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct CancellationTests {
    @Test func cancelsAnAccrualExactlyOnce() async throws {
        let fixture = try LedgerFixture()
        let accrual = try await fixture.accrue(30_000)
        let cancellation = try await fixture.cancel(accrual.transaction.id)
        #expect(cancellation.transaction.type == .cancellation)
        #expect(cancellation.transaction.cancels == accrual.transaction.id)
        #expect(cancellation.transaction.points == -300)
        #expect(cancellation.transaction.stamps == -1)
        #expect(cancellation.transaction.actor == "manager-1")
        #expect(cancellation.member.points == 0)
        #expect(try await fixture.ledger.transaction(accrual.transaction.id)?.cancelledBy == cancellation.transaction.id)

        let again = await ledgerError { try await fixture.cancel(accrual.transaction.id) }
        #expect(again?.code == .alreadyCancelled)
        #expect(again?.transactionID == cancellation.transaction.id)
        let ofCancellation = await ledgerError { try await fixture.cancel(cancellation.transaction.id) }
        #expect(ofCancellation?.code == .notCancellable)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func cancellingAUseRestoresTheExactLotsWithTheirExpiry() async throws {
        var policy = StorePolicy()
        policy.pointExpiryDays = 100
        let fixture = try LedgerFixture(policy: policy)
        try await fixture.accrue(100_000)
        fixture.clock.advance(by: 20 * 86_400)
        try await fixture.accrue(100_000)
        let lotsBefore = try await lots(fixture)
        let use = try await fixture.usePoints(1_500)
        #expect(try await lots(fixture) != lotsBefore)
        fixture.clock.advance(by: 86_400)
        let cancellation = try await fixture.cancel(use.transaction.id)
        #expect(cancellation.transaction.points == 1_500)
        #expect(cancellation.member.points == 2_000)
        #expect(try await lots(fixture) == lotsBefore)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func aUseRestoredPastItsLotsExpiryExpiresThemAtOnce() async throws {
        var policy = StorePolicy()
        policy.pointExpiryDays = 10
        let fixture = try LedgerFixture(policy: policy)
        try await fixture.accrue(100_000)
        let use = try await fixture.usePoints(1_000)
        fixture.clock.advance(by: 11 * 86_400)
        let cancellation = try await fixture.cancel(use.transaction.id)
        #expect(cancellation.member.points == 0)
        let types = try await fixture.ledger.history(HistoryQuery(range: .all)).entries.map(\.transaction.type)
        #expect(types == [.expiry, .cancellation, .pointUse, .accrual])
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func refusesToCancelAnAccrualWhosePointsWereSpentAndNamesTheUse() async throws {
        let fixture = try LedgerFixture()
        let accrual = try await fixture.accrue(200_000)
        let use = try await fixture.usePoints(1_000)
        let before = try await fixture.rowCounts()
        let error = await ledgerError { try await fixture.cancel(accrual.transaction.id) }
        #expect(error?.code == .pointsAlreadySpent)
        #expect(error?.transactionID == use.transaction.id)
        #expect(error?.message.contains("cancel transaction \(use.transaction.id) first") == true)
        #expect(try await fixture.rowCounts() == before)

        try await fixture.cancel(use.transaction.id)
        let cancellation = try await fixture.cancel(accrual.transaction.id)
        #expect(cancellation.member.points == 0)
        #expect(try await fixture.ledger.verify().isClean)
    }

    @Test func cancelsConversionsAndStampUsesAndRefusesUnknownIds() async throws {
        let fixture = try LedgerFixture()
        let conversion = try await fixture.ledger.convert(
            Conversion(member: fixture.phone(), points: 0, stamps: 5, reason: "opening gift", actor: "manager-1"),
            key: fixture.newKey())
        let use = try await fixture.ledger.useStamps(StampUse(member: fixture.phone(), stamps: 3), key: fixture.newKey())
        #expect(try await fixture.cancel(use.transaction.id).member.stamps == 5)
        #expect(try await fixture.cancel(conversion.transaction.id).member.stamps == 0)
        let missing = await ledgerError { try await fixture.cancel(999) }
        #expect(missing?.code == .transactionNotFound)
        #expect(try await fixture.ledger.verify().isClean)
    }

    private func lots(_ fixture: LedgerFixture) async throws -> [[Int64?]] {
        try await fixture.ledger.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, remaining, expires_at FROM lot ORDER BY id").map {
                [$0["id"], $0["remaining"], $0["expires_at"]]
            }
        }
    }
}
