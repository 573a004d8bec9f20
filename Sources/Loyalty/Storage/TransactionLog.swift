import Foundation
import GRDB

/// Appends transactions to the chained log, each with its outbox row, inside the caller's SQLite transaction.
enum TransactionLog {
    struct Draft {
        var type: TransactionType
        var memberID: Int64
        var payment: Won = 0
        var points: Points = 0
        var stamps: Stamps = 0
        var occurredAt: Date
        var cancels: Int64? = nil
        var actor: String? = nil
        var reason: String? = nil
        /// The coupon the transaction is about.
        var coupon: Coupon? = nil
    }

    static func append(_ db: Database, _ draft: Draft) throws -> LedgerTransaction {
        let last = try Row.fetchOne(try db.prepared("SELECT id, hash FROM ledger_transaction ORDER BY id DESC LIMIT 1"))
        let id: Int64 = (last?["id"] ?? 0) + 1
        let previousHash: String = last?["hash"] ?? HashChain.genesis
        let milliseconds = draft.occurredAt.ledgerMilliseconds
        let fields = HashChain.Fields(
            id: id, type: draft.type, memberID: draft.memberID, payment: draft.payment, points: draft.points,
            stamps: draft.stamps, occurredAtMilliseconds: milliseconds, cancels: draft.cancels,
            actor: draft.actor, reason: draft.reason, coupon: draft.coupon?.terms)
        let hash = HashChain.hash(fields, previous: previousHash)
        try db.run("""
                INSERT INTO ledger_transaction
                    (id, type, member_id, payment, points, stamps, occurred_at, cancels_id, actor, reason, prev_hash, hash,
                     coupon_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [
                id, draft.type.rawValue, draft.memberID, draft.payment, draft.points, draft.stamps, milliseconds,
                draft.cancels, draft.actor, draft.reason, previousHash, hash, draft.coupon?.id,
            ])
        let syncID = UUID()
        try db.run("INSERT INTO outbox (id, transaction_id, created_at) VALUES (?, ?, ?)", [syncID.uuidString.lowercased(), id, milliseconds])
        return LedgerTransaction(
            id: id, type: draft.type, memberID: draft.memberID, payment: draft.payment, points: draft.points,
            stamps: draft.stamps, occurredAt: Date(ledgerMilliseconds: milliseconds), cancels: draft.cancels,
            cancelledBy: nil, actor: draft.actor, reason: draft.reason, coupon: draft.coupon?.code, syncID: syncID,
            previousHash: previousHash, hash: hash)
    }
}
