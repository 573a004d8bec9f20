import Foundation
import GRDB
import Testing
@testable import Loyalty

/// The rules the schema itself keeps, whatever code writes to the ledger file.
@Suite struct ManagerSchemaTests {
    @Test func thereIsExactlyOneMasterAtTheSQLLevel() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let refused = [
            ("a second master row", "INSERT INTO manager_master (id, manager_id) VALUES (2, 'lee')"),
            ("a second master row with the same id", "INSERT INTO manager_master (id, manager_id) VALUES (1, 'lee')"),
            ("removing the master row", "DELETE FROM manager_master"),
            ("removing the master", "DELETE FROM manager WHERE id = 'kim'"),
            ("a master who is not a manager", "UPDATE manager_master SET manager_id = 'nobody'"),
            ("an id with other characters", "INSERT INTO manager (id, email, pin_algorithm, pin_iterations, pin_salt, pin_hash, created_at, pin_changed_at) SELECT 'Park-1', email, pin_algorithm, pin_iterations, pin_salt, pin_hash, created_at, pin_changed_at FROM manager WHERE id = 'lee'"),
            ("too few iterations", "UPDATE manager SET pin_iterations = 1000 WHERE id = 'lee'"),
        ]
        for (what, sql) in refused {
            await #expect(throws: DatabaseError.self, "\(what)") {
                try await fixture.ledger.database.pool.write { db in try db.execute(sql: sql) }
            }
        }
        let masters = try await fixture.ledger.database.pool.read { db in try String.fetchAll(db, sql: "SELECT manager_id FROM manager_master") }
        #expect(masters == ["kim"])
        // A handover is one UPDATE, and the old master can then go.
        try await fixture.ledger.database.pool.write { db in
            try db.execute(sql: "UPDATE manager_master SET manager_id = 'lee'")
            try db.execute(sql: "DELETE FROM manager WHERE id = 'kim'")
        }
        #expect(try await fixture.managers.managers().map(\.id.rawValue) == ["lee"])
    }

    @Test func aManagerCannotBeRegisteredWithoutAMaster() async throws {
        let fixture = try LedgerFixture()
        await #expect(throws: DatabaseError.self) {
            try await fixture.ledger.database.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO manager (id, email, pin_algorithm, pin_iterations, pin_salt, pin_hash, created_at, pin_changed_at)
                    VALUES ('kim', 'kim@example.com', 'pbkdf2-sha256', 600000, zeroblob(16), zeroblob(32), 0, 0)
                    """)
            }
        }
        #expect(try await fixture.managers.hasManagers() == false)
    }

    @Test func theAuditLogRefusesUpdateAndDelete() async throws {
        let fixture = try LedgerFixture()
        try await fixture.registerKimAndLee()
        let before = try await fixture.auditActions()
        #expect(before.count == 2)
        for sql in ["UPDATE audit_event SET action = 'nothing'", "UPDATE audit_event SET caller = 'someone else' WHERE id = 1",
                    "DELETE FROM audit_event", "DELETE FROM audit_event WHERE id = 2"] {
            let error = await #expect(throws: DatabaseError.self, "\(sql)") {
                try await fixture.ledger.database.pool.write { db in try db.execute(sql: sql) }
            }
            #expect(error?.message?.contains("append-only") == true)
        }
        #expect(try await fixture.auditActions() == before)
    }
}
