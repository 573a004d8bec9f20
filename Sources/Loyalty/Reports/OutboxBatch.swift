import Foundation
import GRDB
import GRDBSQLite

/// Transactions waiting for upload, as the upload body carries them.
public struct OutboxBatch: Sendable {
    /// Their ids on the server, in `seq` order.
    public var ids: [String]
    /// Their outbox seqs, in the same order.
    public var seqs: [Int64]
    /// Their JSON objects separated by commas: the inside of the body's `transactions` array.
    public var json: [UInt8]
}

extension Ledger {
    /// The next `limit` transactions waiting for upload, in `seq` order (only those after `seq`, if given),
    /// or nil when none is waiting. The JSON is the outbox's, stored at commit: a drain joins bytes and
    /// decodes nothing. A row without it (committed before migration v7) gets `OutboxItem.json` here.
    public func pendingUploadBatch(limit: Int, after seq: Int64? = nil) async throws -> OutboxBatch? {
        let timeZone = self.timeZone
        return try await storageErrors {
            try await database.pool.read { db -> OutboxBatch? in
                let statement = try db.prepared("""
                    SELECT o.seq, o.id, u.json FROM outbox o
                    LEFT JOIN outbox_upload u ON u.seq = o.seq
                    WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.seq > ?
                    ORDER BY o.seq
                    LIMIT ?
                    """)
                try statement.setArguments([seq ?? 0, limit])
                defer { sqlite3_reset(statement.sqliteStatement) }
                var batch = OutboxBatch(ids: [], seqs: [], json: [])
                batch.ids.reserveCapacity(min(limit, 5_000))
                batch.seqs.reserveCapacity(min(limit, 5_000))
                batch.json.reserveCapacity(min(limit, 5_000) * 480)
                // Stepped through the SQLite API: the bytes go from SQLite's buffer straight into the batch,
                // with none of a fetched row's per-value conversions (most of a drain's reading time).
                var rows = OutboxRows(statement)
                while let row = try rows.next() {
                    if !batch.seqs.isEmpty { batch.json.append(UInt8(ascii: ",")) }
                    guard let id = row.id else { throw LedgerError(.storage, "outbox row \(row.seq) has no id; run verify") }
                    batch.seqs.append(row.seq)
                    batch.ids.append(id)
                    if !row.appendJSON(to: &batch.json) {
                        guard let item = try OutboxItem.fetchAll(db, "o.seq = ?", arguments: [row.seq], limit: 1).first else {
                            throw LedgerError(.storage, "outbox row \(row.seq) has no transaction; run verify")
                        }
                        batch.json.append(contentsOf: item.json(timeZone: timeZone))
                    }
                }
                return batch.seqs.isEmpty ? nil : batch
            }
        }
    }
}

/// The rows of the pending-upload statement (`seq`, `id`, `json`), read column by column from SQLite.
private struct OutboxRows {
    struct Row {
        let statement: OpaquePointer
        var seq: Int64 { sqlite3_column_int64(statement, 0) }

        /// Nil only for a row the schema forbids (`id` is NOT NULL).
        var id: String? {
            guard let text = sqlite3_column_text(statement, 1) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, 1))), as: UTF8.self)
        }

        /// Appends the stored upload JSON; false when the row has none.
        func appendJSON(to bytes: inout [UInt8]) -> Bool {
            guard sqlite3_column_type(statement, 2) != SQLITE_NULL, let json = sqlite3_column_blob(statement, 2) else { return false }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: json, count: Int(sqlite3_column_bytes(statement, 2))))
            return true
        }
    }

    private let statement: Statement

    init(_ statement: Statement) { self.statement = statement }

    mutating func next() throws -> Row? {
        switch sqlite3_step(statement.sqliteStatement) {
        case SQLITE_ROW: return Row(statement: statement.sqliteStatement)
        case SQLITE_DONE: return nil
        case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement))), sql: statement.sql)
        }
    }
}
