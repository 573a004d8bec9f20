import Foundation
import GRDB
import Testing
@testable import Loyalty

@Suite struct StorageTests {
    @Test func fullDurabilityHoldsAfterWALIsEnabledAndAfterReopening() async throws {
        let fixture = try LedgerFixture()
        #expect(try fixture.ledger.database.synchronousSetting() == 2)
        try await fixture.accrue(1_000)
        #expect(try fixture.ledger.database.synchronousSetting() == 2)
        try fixture.reopen()
        #expect(try fixture.ledger.database.synchronousSetting() == 2)
        let mode = try await fixture.ledger.database.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func normalDurabilityIsAvailableWhenConfigured() throws {
        let fixture = try LedgerFixture(durability: .normal)
        #expect(try fixture.ledger.database.synchronousSetting() == 1)
    }

    @Test func theFileIsPrivateAndForeignKeysAreOn() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(1_000)
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: fixture.path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "mode of ledger.sqlite\(suffix)")
        }
        let foreignKeys = try await fixture.ledger.database.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }

    @Test func checkConstraintsRefuseANegativeBalanceEvenFromRawSQL() async throws {
        let fixture = try LedgerFixture()
        try await fixture.accrue(1_000)
        await #expect(throws: DatabaseError.self) {
            try await fixture.ledger.database.pool.write { db in try db.execute(sql: "UPDATE member SET points = -1") }
        }
        await #expect(throws: DatabaseError.self) {
            try await fixture.ledger.database.pool.write { db in try db.execute(sql: "UPDATE lot SET remaining = amount + 1") }
        }
    }

    @Test func anUnwritableLocationSaysWhatToCheck() {
        #expect {
            _ = try LedgerDatabase(path: "/nonexistent-dir/ledger.sqlite")
        } throws: { error in
            (error as? LedgerError)?.code == .storage && "\(error)".contains("/nonexistent-dir")
        }
    }

    @Test func everyTransactionIsQueuedInTheOutboxWithAUUID() async throws {
        let fixture = try LedgerFixture()
        let accrual = try await fixture.accrue(10_000)
        try await fixture.cancel(accrual.transaction.id)
        let rows = try await fixture.ledger.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, id, transaction_id FROM outbox ORDER BY seq")
        }
        #expect(rows.count == 2)
        #expect(rows.map { $0["transaction_id"] as Int64 } == [1, 2])
        #expect(rows.allSatisfy { UUID(uuidString: $0["id"]) != nil })
        #expect(accrual.transaction.syncID.uuidString.lowercased() == rows[0]["id"] as String)
    }
}
