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

    @Test func aCheckpointInTheBackgroundLetsTheWriteAheadLogStartOver() async throws {
        let fixture = try LedgerFixture(durability: .normal)
        let checkpointer = fixture.ledger.database.checkpointer
        // About a dozen pages per accrual: stop at the commit that takes the WAL past the threshold.
        var accruals = 0
        while try walBytes(fixture) < Int(WALCheckpointer.backgroundPages) * Self.walFrameBytes {
            try await fixture.accrue(10_000, phone: "010-\(1_000 + accruals % 50)-5678")
            accruals += 1
        }
        let grown = try walBytes(fixture)
        // SQLite's automatic checkpoint, run inside that commit, would leave this at zero.
        try await waitUntil { checkpointer.backgroundCheckpoints > 0 }
        #expect(checkpointer.backgroundCheckpoints > 0)
        // The next writes start the log over from its first page instead of growing the file.
        for index in 0..<20 {
            try await fixture.accrue(10_000, phone: "010-\(2_000 + index)-5678")
        }
        #expect(try walBytes(fixture) == grown)
        #expect(try await fixture.ledger.verify().isClean)
        try fixture.reopen()
        let count = try await fixture.ledger.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_transaction") }
        #expect(count == accruals + 20)
    }

    @Test func withoutBackgroundCheckpointsACommitStillKeepsTheWriteAheadLogBounded() async throws {
        let fixture = try LedgerFixture(durability: .normal)
        // As when back-to-back writes never leave a background checkpoint the pause to finish in.
        fixture.ledger.database.checkpointer.close()
        // ~4,500 pages: the commit past `inlinePages` checkpoints, and the next one starts the log over.
        for index in 0..<330 {
            try await fixture.accrue(10_000 + Won(index), phone: "010-\(1_000 + index % 50)-5678")
        }
        #expect(try walBytes(fixture) <= (Int(WALCheckpointer.inlinePages) + 50) * Self.walFrameBytes)
        #expect(fixture.ledger.database.checkpointer.backgroundCheckpoints == 0)
        #expect(try await fixture.ledger.verify().isClean)
    }

    /// A WAL frame: a 24-byte header and a 4 KiB page.
    private static let walFrameBytes = 24 + 4_096

    private func walBytes(_ fixture: LedgerFixture) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: fixture.path + "-wal")[.size] as? Int ?? 0
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
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
