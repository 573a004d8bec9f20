import Foundation
import GRDB

/// The upload JSON of each outbox row (table `outbox_upload`), written in the SQLite transaction that
/// commits the row (`Ledger.commit`): `OutboxItem.json` of the row as `pendingUploads` reads it. Rows
/// committed before migration v7 have none; `pendingUploadBatch` writes theirs when it reads them, the
/// same bytes.
enum OutboxJSON {
    /// The last outbox row's seq: rows a write transaction adds come after it.
    static func lastSeq(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(try db.prepared("SELECT IFNULL(MAX(seq), 0) FROM outbox")) ?? 0
    }

    /// Stores the JSON of the rows after `seq` that have none: the caller's write transaction added them.
    static func store(_ db: Database, after seq: Int64, timeZone: TimeZone) throws {
        for item in try OutboxItem.fetchAll(db, "o.seq > ?", arguments: [seq]) {
            try db.run("INSERT INTO outbox_upload (seq, json) VALUES (?, ?)", [item.seq, Data(item.json(timeZone: timeZone))])
        }
    }
}

extension Ledger {
    /// One write transaction that stores the upload JSON of the outbox rows `body` added before it commits.
    /// Every write that appends transactions goes through it.
    func commit<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let timeZone = self.timeZone
        return try await database.pool.write { db in
            let before = try OutboxJSON.lastSeq(db)
            let result = try body(db)
            try OutboxJSON.store(db, after: before, timeZone: timeZone)
            return result
        }
    }
}

extension OutboxItem {
    /// The outbox rows matching `condition` (on `o`, the outbox row, and `t`, its transaction), in `seq`
    /// order, with what the upload says of each: member, cancelled transaction's id, coupon terms.
    static func fetchAll(_ db: Database, _ condition: String, arguments: StatementArguments, limit: Int = -1) throws -> [OutboxItem] {
        let rows = try Row.fetchCursor(
            try db.prepared("""
                SELECT \(LedgerTransaction.columns), m.phone, m.barcode, o.seq, co.id
                \(LedgerTransaction.tables)
                JOIN member m ON m.id = t.member_id
                LEFT JOIN outbox co ON co.transaction_id = t.cancels_id
                WHERE \(condition)
                ORDER BY o.seq
                LIMIT ?
                """),
            arguments: arguments + [limit])
        var items: [OutboxItem] = []
        // Decoded from the cursor's current row, without copying it: a backlog reads thousands.
        while let row = try rows.next() {
            let transaction = try LedgerTransaction(row: row)
            let base = LedgerTransaction.columnCount
            let phone: String? = row[base]
            items.append(OutboxItem(
                // The outbox row's id as stored (lower case), read without formatting the UUID again.
                id: row[13], seq: row[base + 2], transaction: transaction,
                phone: try phone.map { text throws(LedgerError) in try PhoneNumber(parsing: text) },
                barcode: row[base + 1], cancels: row[base + 3],
                coupon: try transaction.coupon.flatMap { code in try CouponStore.find(db, code: code) }))
        }
        return items
    }
}
