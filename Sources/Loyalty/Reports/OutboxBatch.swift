import Foundation
import GRDB

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
                let rows = try Row.fetchCursor(
                    try db.prepared("""
                        SELECT o.seq, o.id, u.json FROM outbox o
                        LEFT JOIN outbox_upload u ON u.seq = o.seq
                        WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.seq > ?
                        ORDER BY o.seq
                        LIMIT ?
                        """),
                    arguments: [seq ?? 0, limit])
                var batch = OutboxBatch(ids: [], seqs: [], json: [])
                batch.ids.reserveCapacity(min(limit, 5_000))
                batch.seqs.reserveCapacity(min(limit, 5_000))
                batch.json.reserveCapacity(min(limit, 5_000) * 480)
                while let row = try rows.next() {
                    let seq: Int64 = row[0]
                    if !batch.seqs.isEmpty { batch.json.append(UInt8(ascii: ",")) }
                    batch.seqs.append(seq)
                    batch.ids.append(row[1])
                    // Copied from SQLite's buffer straight into the batch.
                    let stored = try row.withUnsafeData(atIndex: 2) { data -> Bool in
                        guard let data else { return false }
                        batch.json.append(contentsOf: data)
                        return true
                    }
                    if !stored {
                        guard let item = try OutboxItem.fetchAll(db, "o.seq = ?", arguments: [seq], limit: 1).first else {
                            throw LedgerError(.storage, "outbox row \(seq) has no transaction; run verify")
                        }
                        batch.json.append(contentsOf: item.json(timeZone: timeZone))
                    }
                }
                return batch.seqs.isEmpty ? nil : batch
            }
        }
    }
}
