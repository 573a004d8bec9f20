import Foundation
import GRDB

extension Ledger {
    /// The stored result of an earlier request with `key`, whatever it asked; nil when the key is new.
    /// For callers that must decide before they know the whole request (a prompt still to be answered).
    public func earlierResult(for key: IdempotencyKey) async throws -> OperationResult? {
        try await storageErrors {
            try await database.pool.read { db in
                guard let fingerprint = try Data.fetchOne(
                    try db.prepared("SELECT fingerprint FROM idempotency_key WHERE key = ?"), arguments: [key.rawValue])
                else { return nil }
                return try IdempotencyStore.replay(db, key: key, fingerprint: fingerprint)
            }
        }
    }
}
