import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct VerificationTests {
    func fixtureWithActivity() async throws -> LedgerFixture {
        let fixture = try LedgerFixture()
        try await fixture.accrue(100_000, phone: "010-1111-0001")
        try await fixture.accrue(40_000, phone: "010-1111-0002")
        let use = try await fixture.usePoints(1_000, phone: "010-1111-0001")
        try await fixture.cancel(use.transaction.id)
        return fixture
    }

    func tamper(_ fixture: LedgerFixture, _ sql: String) async throws {
        try await fixture.ledger.database.pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    @Test func aCleanLedgerVerifiesClean() async throws {
        let fixture = try await fixtureWithActivity()
        let report = try await fixture.ledger.verify()
        #expect(report.isClean, "\(report.issues)")
        #expect(report.transactionsChecked == 4)
        #expect(report.membersChecked == 2)
    }

    @Test func anEditedRowBreaksItsHash() async throws {
        let fixture = try await fixtureWithActivity()
        try await tamper(fixture, "UPDATE ledger_transaction SET payment = 1 WHERE id = 2")
        let report = try await fixture.ledger.verify()
        #expect(report.issues.map(\.kind) == [.hashMismatch])
        #expect(report.issues.first?.transactionID == 2)
    }

    @Test func aDeletedRowBreaksTheChainAndTheBalance() async throws {
        let fixture = try await fixtureWithActivity()
        try await tamper(fixture, """
            PRAGMA foreign_keys = OFF;
            DELETE FROM outbox WHERE transaction_id = 2;
            DELETE FROM lot_take WHERE transaction_id = 2;
            DELETE FROM ledger_transaction WHERE id = 2;
            """)
        let kinds = Set(try await fixture.ledger.verify().issues.map(\.kind))
        #expect(kinds.contains(.brokenLink))
        #expect(kinds.contains(.balanceMismatch))
    }

    @Test func aChangedBalanceIsReported() async throws {
        let fixture = try await fixtureWithActivity()
        try await tamper(fixture, "UPDATE member SET points = points + 500 WHERE id = 1")
        let issues = try await fixture.ledger.verify().issues
        #expect(Set(issues.map(\.kind)) == [.balanceMismatch, .lotMismatch])
        #expect(issues.allSatisfy { $0.memberID == 1 })
    }

    @Test func aChangedLotIsReported() async throws {
        let fixture = try await fixtureWithActivity()
        try await tamper(fixture, "UPDATE lot SET remaining = remaining - 1 WHERE id = 1")
        let kinds = Set(try await fixture.ledger.verify().issues.map(\.kind))
        #expect(kinds == [.lotMismatch, .lotAccounting])
    }
}
