import Foundation
import GRDB

/// Reading and writing manager rows inside the caller's SQLite transaction.
enum ManagerStore {
    /// A manager with the hash of their PIN, for checking it.
    struct Record {
        var manager: Manager
        var pin: PINHash
    }

    private static let selection = """
        SELECT m.id, m.email, COALESCE(m.id = (SELECT manager_id FROM manager_master), 0) AS is_master, m.created_at,
               m.pin_changed_at, m.failed_attempts, m.locked_until, m.pin_iterations, m.pin_salt, m.pin_hash, m.pin_algorithm
        FROM manager m
        """

    static func find(_ db: Database, _ id: ManagerID) throws -> Record? {
        try Row.fetchOne(try db.prepared(selection + " WHERE m.id = ?"), arguments: [id.rawValue]).map(record)
    }

    static func all(_ db: Database) throws -> [Record] {
        try Row.fetchAll(try db.prepared(selection + " ORDER BY m.id")).map(record)
    }

    static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(try db.prepared("SELECT COUNT(*) FROM manager")) ?? 0
    }

    static func masterID(_ db: Database) throws -> ManagerID? {
        try String.fetchOne(try db.prepared("SELECT manager_id FROM manager_master WHERE id = 1")).map(ManagerID.init(stored:))
    }

    static func insert(_ db: Database, _ new: NewManager, pin: PINHash, at now: Date) throws {
        try db.run(
            """
            INSERT INTO manager (id, email, pin_algorithm, pin_iterations, pin_salt, pin_hash, created_at, pin_changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [new.id.rawValue, new.email.rawValue, PINHash.algorithm, pin.iterations, Data(pin.salt), Data(pin.hash),
             now.ledgerMilliseconds, now.ledgerMilliseconds])
    }

    /// A new PIN; it also ends any lock and forgets earlier wrong PINs.
    static func setPIN(_ db: Database, _ id: ManagerID, _ pin: PINHash, at now: Date) throws {
        try db.run(
            """
            UPDATE manager SET pin_iterations = ?, pin_salt = ?, pin_hash = ?, pin_changed_at = ?,
                               failed_attempts = 0, locked_until = NULL
            WHERE id = ?
            """,
            [pin.iterations, Data(pin.salt), Data(pin.hash), now.ledgerMilliseconds, id.rawValue])
    }

    /// The same PIN hashed again with more iterations; not a PIN change.
    static func rehash(_ db: Database, _ id: ManagerID, _ pin: PINHash) throws {
        try db.run("UPDATE manager SET pin_iterations = ?, pin_salt = ?, pin_hash = ? WHERE id = ?",
                   [pin.iterations, Data(pin.salt), Data(pin.hash), id.rawValue])
    }

    static func setFailures(_ db: Database, _ id: ManagerID, count: Int, lockedUntil: Date?) throws {
        try db.run("UPDATE manager SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                   [count, lockedUntil?.ledgerMilliseconds, id.rawValue])
    }

    private static func record(_ row: Row) throws -> Record {
        let id: String = row[0]
        let algorithm: String = row[10]
        guard algorithm == PINHash.algorithm else {
            throw LedgerError(.storage, "manager \(id) has a PIN hashed with '\(algorithm)', which this version cannot check")
        }
        let lockedUntil: Int64? = row[6]
        let manager = Manager(
            id: ManagerID(stored: id), email: EmailAddress(stored: row[1]), isMaster: row[2],
            createdAt: Date(ledgerMilliseconds: row[3]), pinChangedAt: Date(ledgerMilliseconds: row[4]),
            failedAttempts: row[5], lockedUntil: lockedUntil.map(Date.init(ledgerMilliseconds:)))
        let salt: Data = row[8], hash: Data = row[9]
        return Record(manager: manager, pin: PINHash(iterations: row[7], salt: Array(salt), hash: Array(hash)))
    }
}
