import Foundation
import GRDB

/// How much is waiting to be uploaded.
public struct OutboxBacklog: Sendable, Hashable, Codable {
    public var count: Int
    /// When the oldest waiting transaction was committed.
    public var oldest: Date?
}

extension Ledger {
    public func outboxBacklog() async throws -> OutboxBacklog {
        try await storageErrors {
            try await database.pool.read { db in
                let row = try Row.fetchOne(try db.prepared("SELECT COUNT(*), MIN(created_at) FROM outbox"))
                let oldest: Int64? = row?[1]
                return OutboxBacklog(count: row?[0] ?? 0, oldest: oldest.map(Date.init(ledgerMilliseconds:)))
            }
        }
    }

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
