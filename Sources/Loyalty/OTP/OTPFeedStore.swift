import Foundation
import GRDB

/// Where the download of members' secrets from the central server stands, for `posagent sync status`.
public struct OTPFeedState: Sendable, Hashable, Codable {
    /// The server's cursor after the last page applied; nil: nothing fetched yet.
    public var cursor: String?
    /// Secrets stored, and secrets refused, since the ledger was made.
    public var imported: Int
    public var refused: Int
    public var lastSuccess: Date?
    public var lastRefusalCode: String?
    public var lastRefusal: Date?
    public var lastError: String?
    public var lastErrorAt: Date?
}

/// The `otp_secret_feed` row, read and written inside the caller's SQLite transaction.
enum OTPFeedStore {
    static func advance(_ db: Database, cursor: String?, imported: Int, refusals: [OTPImportRefusal], at now: Date) throws {
        try db.run(
            """
            UPDATE otp_secret_feed SET cursor = coalesce(?, cursor), imported = imported + ?, refused = refused + ?,
                last_success_at = ?, last_error = NULL,
                last_refusal_code = coalesce(?, last_refusal_code), last_refusal_at = coalesce(?, last_refusal_at)
            WHERE id = 1
            """,
            [cursor, imported, refusals.count, now.ledgerMilliseconds,
             refusals.last.map { String($0.code.prefix(100)) }, refusals.isEmpty ? nil : now.ledgerMilliseconds])
    }

    static func state(_ db: Database) throws -> OTPFeedState {
        let row = try Row.fetchOne(try db.prepared("""
            SELECT cursor, imported, refused, last_success_at, last_refusal_code, last_refusal_at, last_error, last_error_at
            FROM otp_secret_feed WHERE id = 1
            """))
        let date = { (index: Int) -> Date? in (row?[index] as Int64?).map(Date.init(ledgerMilliseconds:)) }
        return OTPFeedState(
            cursor: row?[0], imported: row?[1] ?? 0, refused: row?[2] ?? 0, lastSuccess: date(3),
            lastRefusalCode: row?[4], lastRefusal: date(5), lastError: row?[6], lastErrorAt: date(7))
    }
}

extension Ledger {
    /// Where the download of members' secrets stands.
    public func otpFeedState() async throws -> OTPFeedState {
        try await storageErrors { try await database.pool.read { db in try OTPFeedStore.state(db) } }
    }

    /// Records a failed fetch (server error, timeout, no network); the cursor stays.
    public func recordOTPFeedFailure(_ message: String, at now: Date) async throws {
        try await storageErrors {
            try await database.pool.write { db in
                try db.run("UPDATE otp_secret_feed SET last_error = ?, last_error_at = ? WHERE id = 1",
                           [String(message.prefix(1_000)), now.ledgerMilliseconds])
            }
        }
    }
}
