import Foundation
import GRDB

/// How much is waiting to be uploaded.
public struct OutboxBacklog: Sendable, Hashable, Codable {
    public var count: Int
    /// When the oldest waiting transaction was committed.
    public var oldest: Date?

    public init(count: Int, oldest: Date?) {
        self.count = count
        self.oldest = oldest
    }
}

/// One committed transaction as the central server receives it.
public struct OutboxItem: Sendable, Hashable {
    /// The transaction's identity on the server (a UUID, lower case).
    public var id: String
    /// Local upload order.
    public var seq: Int64
    public var transaction: LedgerTransaction
    public var phone: PhoneNumber?
    public var barcode: String?
    /// The server identity of the transaction this one cancels.
    public var cancels: String?
    /// The coupon a coupon transaction (or its cancellation) is about: its terms travel with it.
    public var coupon: Coupon?
}

/// A transaction the server refused, kept aside with its reason until an admin retries it.
public struct DeadLetter: Sendable, Hashable, Codable {
    public var id: String
    public var seq: Int64
    public var transactionID: Int64
    public var code: String
    public var reason: String
    public var at: Date
}

extension Ledger {
    /// Transactions not yet delivered nor dead.
    public func outboxBacklog() async throws -> OutboxBacklog {
        try await storageErrors {
            try await database.pool.read { db in
                let row = try Row.fetchOne(try db.prepared(
                    "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL"))
                let oldest: Int64? = row?[1]
                return OutboxBacklog(count: row?[0] ?? 0, oldest: oldest.map(Date.init(ledgerMilliseconds:)))
            }
        }
    }

    /// The next `limit` transactions waiting for upload, in `seq` order; only those after `seq` if given
    /// (the batch after one still on the wire).
    public func pendingUploads(limit: Int, after seq: Int64? = nil) async throws -> [OutboxItem] {
        try await storageErrors {
            try await database.pool.read { db in
                try OutboxItem.fetchAll(db, "o.sent_at IS NULL AND o.dead_at IS NULL AND o.seq > ?", arguments: [seq ?? 0], limit: limit)
            }
        }
    }

    /// Records what the server said of one or more batches, in one SQLite transaction: delivered
    /// transactions are done, refused ones become dead letters. Each is named by its outbox `seq`.
    public func recordUpload(delivered: [Int64], refused: [(seq: Int64, code: String, reason: String)], at now: Date) async throws {
        // Delivered rows are marked a run of consecutive seqs per statement: exactly the rows named, and a
        // backlog's answers are one run per record, cheaper than looking up each seq of a list.
        let runs = Self.consecutiveRuns(delivered)
        try await storageErrors {
            try await database.pool.write { db in
                for run in runs {
                    try db.run("""
                        UPDATE outbox SET sent_at = ?, attempts = attempts + 1
                        WHERE seq BETWEEN ? AND ? AND sent_at IS NULL
                        """, [now.ledgerMilliseconds, run.lowerBound, run.upperBound])
                }
                for item in refused {
                    try db.run("""
                        UPDATE outbox SET dead_code = ?, dead_reason = ?, dead_at = ?, attempts = attempts + 1
                        WHERE seq = ? AND sent_at IS NULL
                        """, [String(item.code.prefix(100)), String(item.reason.prefix(1_000)), now.ledgerMilliseconds, item.seq])
                }
                try db.run("UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL WHERE id = 1",
                           [now.ledgerMilliseconds, now.ledgerMilliseconds])
            }
        }
    }

    /// Records a failed attempt (server error, timeout, no network): the batch stays queued.
    public func recordUploadFailure(_ message: String, at now: Date) async throws {
        try await storageErrors {
            try await database.pool.write { db in
                try db.run("UPDATE sync_state SET last_attempt_at = ?, last_error = ?, last_error_at = ? WHERE id = 1",
                           [now.ledgerMilliseconds, String(message.prefix(1_000)), now.ledgerMilliseconds])
            }
        }
    }

    public func deadLetters() async throws -> [DeadLetter] {
        try await storageErrors {
            try await database.pool.read { db in
                try Row.fetchAll(try db.prepared("""
                    SELECT id, seq, transaction_id, dead_code, dead_reason, dead_at FROM outbox
                    WHERE dead_at IS NOT NULL ORDER BY seq
                    """)).map { row in
                    DeadLetter(id: row[0], seq: row[1], transactionID: row[2], code: row[3], reason: row[4],
                               at: Date(ledgerMilliseconds: row[5]))
                }
            }
        }
    }

    /// Puts every dead letter back in the queue (after the cause was fixed); returns how many.
    @discardableResult
    public func retryDeadLetters() async throws -> Int {
        try await storageErrors {
            try await database.pool.write { db in
                try db.run("UPDATE outbox SET dead_code = NULL, dead_reason = NULL, dead_at = NULL WHERE dead_at IS NOT NULL")
                return db.changesCount
            }
        }
    }

    /// The uploader's last outcome.
    public func syncState() async throws -> (lastAttempt: Date?, lastSuccess: Date?, lastError: String?, lastErrorAt: Date?) {
        try await storageErrors {
            try await database.pool.read { db in
                let row = try Row.fetchOne(try db.prepared(
                    "SELECT last_attempt_at, last_success_at, last_error, last_error_at FROM sync_state WHERE id = 1"))
                func date(_ index: Int) -> Date? { (row?[index] as Int64?).map(Date.init(ledgerMilliseconds:)) }
                return (date(0), date(1), row?[2], date(3))
            }
        }
    }

    /// `seqs` as maximal runs of consecutive numbers, in order: exactly the same set.
    static func consecutiveRuns(_ seqs: [Int64]) -> [ClosedRange<Int64>] {
        var runs: [ClosedRange<Int64>] = []
        for seq in seqs.sorted() {
            if let last = runs.last, seq <= last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...max(last.upperBound, seq)
            } else {
                runs.append(seq...seq)
            }
        }
        return runs
    }
}
