import Foundation
import GRDB

/// Reading and writing members' OTP rows inside the caller's SQLite transaction.
enum OTPStore {
    struct Record {
        var memberID: Int64
        var storeID: String
        var sealed: Data
        var source: String
        var enrolledAt: Date
        var enrollmentKey: String?
        var lastUsedStep: Int64?
    }

    static func find(_ db: Database, memberID: Int64) throws -> Record? {
        try Row.fetchOne(
            try db.prepared("""
                SELECT member_id, store_id, sealed_secret, source, enrolled_at, enrollment_key, last_used_step
                FROM member_otp WHERE member_id = ?
                """),
            arguments: [memberID]
        ).map { row in
            Record(memberID: row[0], storeID: row[1], sealed: row[2], source: row[3],
                   enrolledAt: Date(ledgerMilliseconds: row[4]), enrollmentKey: row[5], lastUsedStep: row[6])
        }
    }

    /// Stores a member's (new) sealed secret; the last used step stays, since steps are times.
    static func save(_ db: Database, memberID: Int64, storeID: String, sealed: Data, source: String,
                     enrollmentKey: String?, at now: Date) throws {
        try db.run(
            """
            INSERT INTO member_otp (member_id, store_id, sealed_secret, source, enrolled_at, enrollment_key)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (member_id) DO UPDATE SET
                store_id = excluded.store_id, sealed_secret = excluded.sealed_secret, source = excluded.source,
                enrolled_at = excluded.enrolled_at, enrollment_key = excluded.enrollment_key
            """,
            [memberID, storeID, sealed, source, now.ledgerMilliseconds, enrollmentKey])
    }

    static func markUsed(_ db: Database, memberID: Int64, step: Int64) throws {
        try db.run("UPDATE member_otp SET last_used_step = ? WHERE member_id = ?", [step, memberID])
    }

    // MARK: Attempts

    /// The times of the member's attempts since `since`, oldest first, after deleting older ones.
    static func recentAttempts(_ db: Database, memberID: Int64, since: Date) throws -> [Date] {
        try db.run("DELETE FROM otp_attempt WHERE member_id = ? AND attempted_at <= ?", [memberID, since.ledgerMilliseconds])
        return try Int64.fetchAll(
            try db.prepared("SELECT attempted_at FROM otp_attempt WHERE member_id = ? ORDER BY attempted_at, id"),
            arguments: [memberID]
        ).map(Date.init(ledgerMilliseconds:))
    }

    static func recordAttempt(_ db: Database, memberID: Int64, outcome: String, at now: Date) throws {
        try db.run("INSERT INTO otp_attempt (member_id, attempted_at, outcome) VALUES (?, ?, ?)",
                   [memberID, now.ledgerMilliseconds, outcome])
    }

    // MARK: Enrollment keys

    /// The member an earlier enrollment with `key` was for; a conflict when it asked something else.
    static func enrollment(_ db: Database, key: IdempotencyKey, fingerprint: Data) throws -> Int64? {
        guard let row = try Row.fetchOne(try db.prepared("SELECT fingerprint, member_id FROM otp_enrollment WHERE key = ?"),
                                         arguments: [key.rawValue])
        else { return nil }
        guard row[0] as Data == fingerprint else {
            throw LedgerError(.idempotencyConflict, "idempotency key '\(key)' was already used for a different request; use a new key")
        }
        return row[1]
    }

    static func saveEnrollment(_ db: Database, key: IdempotencyKey, fingerprint: Data, memberID: Int64, at now: Date) throws {
        try db.run("INSERT INTO otp_enrollment (key, fingerprint, member_id, created_at) VALUES (?, ?, ?, ?)",
                   [key.rawValue, fingerprint, memberID, now.ledgerMilliseconds])
    }
}
