import Crypto
import Foundation
import GRDB

/// Remembers each idempotency key with a fingerprint of its request and the result it produced.
enum IdempotencyStore {
    static func fingerprint(_ parts: [String]) -> String {
        let canonical = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return HashChain.hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// The stored result for `key`, if the same request was performed before; a conflict if it differed.
    static func replay(_ db: Database, key: IdempotencyKey, fingerprint: String) throws -> OperationResult? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT fingerprint, response FROM idempotency_key WHERE key = ?", arguments: [key.rawValue])
        else { return nil }
        guard row["fingerprint"] as String == fingerprint else {
            throw LedgerError(
                .idempotencyConflict,
                "idempotency key '\(key)' was already used for a different request; use a new key for a new request")
        }
        var result = try decoder.decode(OperationResult.self, from: row["response"] as Data)
        result.replayed = true
        return result
    }

    static func save(_ db: Database, key: IdempotencyKey, fingerprint: String, result: OperationResult, at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO idempotency_key (key, fingerprint, transaction_id, response, created_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [key.rawValue, fingerprint, result.transaction.id, try encoder.encode(result), now.ledgerMilliseconds])
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}
