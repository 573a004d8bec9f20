import Foundation
import Logging
import PostgresNIO
import SyncWire

/// One upload stored in one PostgreSQL transaction with the store's row locked (`SELECT … FOR UPDATE`),
/// so batches of one shop are applied one at a time by every `serve` process and its chain stays a line.
/// The answer is what the database holds once the transaction commits.
struct BatchIngest: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Where the shop's chain ends: the last transaction stored or rejected with a good link.
    private struct Tip {
        var seq: Int64
        var hash: String
    }

    static let genesis = String(repeating: "0", count: 64)

    /// Stores what of `batch` continues the store's chain.
    func ingest(_ batch: IncomingBatch, store: String) async throws -> UploadAnswer {
        do {
            return try await ingest(batch, store: store, lookup: .whenBehind)
        } catch let error as PostgresTransactionError where error.closureError is HeldID {
            // An id past the chain's end is stored already (reused by the shop, or another store's): that
            // attempt was rolled back whole, and the batch goes again with every row looked up.
            logger.debug("a batch names an id stored already; storing it with every row looked up", metadata: ["store": "\(store)"])
            return try await ingest(batch, store: store, lookup: .everyRow)
        }
    }

    /// What a batch is checked against of what the database holds before it is stored.
    enum Lookup {
        /// The ids and seqs stored or rejected already are looked up only when a row lies at or before the end
        /// of the store's chain (a batch sent again, a rejected row sent again). A row past the end cannot be
        /// stored yet under its seq, since every seq stored or rejected moved the end; an id stored already
        /// fails the plain insert instead, and the batch goes again as `.everyRow`.
        case whenBehind
        /// Every row's id and seq looked up, and the insert skips a row held already instead of failing.
        case everyRow
    }

    /// The plain insert met an id stored already.
    private struct HeldID: Error {}

    private func ingest(_ batch: IncomingBatch, store: String, lookup: Lookup) async throws -> UploadAnswer {
        let rows = batch.transactions
        return try await client.withTransaction(logger: logger) { connection in
            var tip = try await lockStore(store, connection)
            let behind = rows.contains { row in if case .readable(let t) = row { t.seq <= tip.seq } else { false } }
            let careful = lookup == .everyRow || behind
            var stored = Stored(), rejections: [Int64: Rejection] = [:]
            if careful {
                let readable = rows.compactMap { row -> UploadedTransaction? in if case .readable(let t) = row { t } else { nil } }
                stored = try await storedRows(store: store, readable, connection)
                if behind { rejections = try await rejectionRows(store: store, seqs: readable.map(\.seq), connection) }
            }
            var plan = Plan()
            for row in rows {
                guard case .readable(let transaction) = row else {
                    if case .unreadable(let id?, _, let reason) = row {
                        plan.answer.rejected.append(.init(id: id, code: "malformed", reason: reason))
                    }
                    continue
                }
                switch stored.byID.isEmpty ? nil : stored.byID[transaction.id.lowercased()] {
                case .here(let seq) where seq == transaction.seq:
                    plan.answer.duplicates.append(transaction.id)
                    continue
                case .here(let seq):
                    plan.reject(transaction, "id_conflict", "this id is stored already at seq \(seq); a transaction id is never reused")
                    continue
                case .elsewhere:
                    plan.reject(transaction, "id_conflict", "another store holds a transaction with this id")
                    continue
                case nil:
                    break
                }
                if stored.bySeq[transaction.seq] != nil || plan.insertedSeqs.contains(transaction.seq) {
                    plan.reject(transaction, "seq_conflict", "seq \(transaction.seq) of this store holds another transaction")
                    continue
                }
                if transaction.seq <= tip.seq {
                    // A transaction rejected earlier and sent again: it fills its place if its link is the one recorded.
                    guard let earlier = rejections[transaction.seq], earlier.id == transaction.id,
                          earlier.prevHash == transaction.prevHash, earlier.hash == transaction.hash
                    else {
                        plan.reject(transaction, "chain_broken",
                                    "seq \(transaction.seq) comes before the end of this store's chain (seq \(tip.seq)) and is not a transaction rejected there")
                        continue
                    }
                    if let problem = RowCheck.problem(transaction) {
                        plan.reject(transaction, problem.code, problem.reason)
                    } else {
                        plan.take(transaction, fillingGap: true)
                    }
                    continue
                }
                guard transaction.prevHash == tip.hash else {
                    plan.reject(transaction, "chain_broken", "prevHash does not continue this store's chain, which ends at seq \(tip.seq)")
                    continue
                }
                if let problem = RowCheck.problem(transaction) {
                    plan.reject(transaction, problem.code, problem.reason)
                    if RowCheck.isHash(transaction.hash) {
                        plan.newRejections.append((transaction, problem.code, problem.reason))
                        tip = Tip(seq: transaction.seq, hash: transaction.hash)
                    }
                    continue
                }
                plan.take(transaction, fillingGap: false)
                tip = Tip(seq: transaction.seq, hash: transaction.hash)
            }
            if plan.inserts.isEmpty {
                try await connection.query(
                    "UPDATE store SET last_seq = \(tip.seq), last_hash = \(tip.hash) WHERE id = \(store)", logger: logger)
            } else {
                switch try await insert(plan.inserts, store: store, chainEnd: tip, skippingHeld: careful, connection) {
                case .all:
                    plan.answer.accepted += plan.inserts.map(\.id)
                case .only(let inserted):
                    for transaction in plan.inserts {
                        if inserted.contains(transaction.id.lowercased()) {
                            plan.answer.accepted.append(transaction.id)
                        } else {
                            plan.reject(transaction, "id_conflict", "another store holds a transaction with this id")
                        }
                    }
                }
            }
            try await record(plan.newRejections, store: store, connection)
            if !plan.gapsFilled.isEmpty {
                try await connection.query("DELETE FROM store_rejection WHERE store_id = \(store) AND seq = ANY(\(plan.gapsFilled))", logger: logger)
            }
            return plan.answer
        }
    }

    /// What becomes of a batch's rows, gathered row by row before anything is written.
    private struct Plan {
        var answer = UploadAnswer(accepted: [], duplicates: [], rejected: [])
        var inserts: [UploadedTransaction] = []
        var insertedSeqs: Set<Int64> = []
        var newRejections: [(UploadedTransaction, String, String)] = []
        var gapsFilled: [Int64] = []

        mutating func take(_ transaction: UploadedTransaction, fillingGap: Bool) {
            inserts.append(transaction)
            insertedSeqs.insert(transaction.seq)
            if fillingGap { gapsFilled.append(transaction.seq) }
        }

        mutating func reject(_ transaction: UploadedTransaction, _ code: String, _ reason: String) {
            answer.rejected.append(.init(id: transaction.id, code: code, reason: reason))
        }
    }

    private func lockStore(_ store: String, _ connection: PostgresConnection) async throws -> Tip {
        let rows = try await connection.query(
            "SELECT last_seq, last_hash FROM store WHERE id = \(store) FOR UPDATE", logger: logger)
        for try await (seq, hash) in rows.decode((Int64, String?).self) {
            return Tip(seq: seq, hash: hash ?? Self.genesis)
        }
        throw CentralError(.unknownStore, "store \(store) disappeared during the upload")
    }

    private struct Stored {
        /// Where an id of the batch is stored already.
        enum Holder {
            case here(seq: Int64)
            case elsewhere
        }

        var byID: [String: Holder] = [:]
        var bySeq: [Int64: String] = [:]
    }

    /// What is stored already of the batch: by id (any store's, to refuse an id used elsewhere), and this
    /// store's transactions by seq.
    private func storedRows(store: String, _ transactions: [UploadedTransaction], _ connection: PostgresConnection) async throws -> Stored {
        var stored = Stored()
        let uuids = transactions.compactMap { UUID(uuidString: $0.id) }
        let rows = try await connection.query("""
            SELECT id::text, store_id, seq FROM store_transaction
            WHERE id = ANY(\(uuids)) OR (store_id = \(store) AND seq = ANY(\(transactions.map(\.seq))))
            """, logger: logger)
        let asked = Set(uuids.map { $0.uuidString.lowercased() })
        for try await (id, owner, seq) in rows.decode((String, String, Int64).self) {
            if asked.contains(id) { stored.byID[id] = owner == store ? .here(seq: seq) : .elsewhere }
            if owner == store { stored.bySeq[seq] = id }
        }
        return stored
    }

    private struct Rejection {
        var id: String
        var prevHash: String
        var hash: String
    }

    private func rejectionRows(store: String, seqs: [Int64], _ connection: PostgresConnection) async throws -> [Int64: Rejection] {
        var found: [Int64: Rejection] = [:]
        let rows = try await connection.query("""
            SELECT seq, id, prev_hash, hash FROM store_rejection WHERE store_id = \(store) AND seq = ANY(\(seqs))
            """, logger: logger)
        for try await (seq, id, prev, hash) in rows.decode((Int64, String, String, String).self) {
            found[seq] = Rejection(id: id, prevHash: prev, hash: hash)
        }
        return found
    }

    /// What an insert stored.
    private enum Inserted {
        case all
        /// The ids (as PostgreSQL writes a uuid) stored; the others were held already.
        case only(Set<String>)
    }

    /// Inserts `transactions` in one statement of bound column arrays, which also moves the store's chain
    /// end to `chainEnd`. Each was decoded and checked here first. `skippingHeld`: a row whose id or
    /// (store, seq) is held already is skipped, not an error, so the batch's transaction goes on; otherwise
    /// such a row throws `HeldID`.
    private func insert(_ transactions: [UploadedTransaction], store: String, chainEnd: Tip, skippingHeld: Bool,
                        _ connection: PostgresConnection) async throws -> Inserted {
        let c = try TransactionColumns(transactions)
        do {
            let result = try await connection.query("""
                WITH chain_end AS (UPDATE store SET last_seq = \(chainEnd.seq), last_hash = \(chainEnd.hash) WHERE id = \(store))
                INSERT INTO store_transaction (id, store_id, seq, type, occurred_at, business_day, member_phone, member_barcode,
                    payment, points, stamps, cancels, actor, reason, coupon, prev_hash, hash)
                SELECT r.id::uuid, \(store), r.seq, r.type, r.occurred::timestamptz, left(r.occurred, 10)::date,
                    CASE WHEN r.has_phone THEN r.phone END, CASE WHEN r.has_barcode THEN r.barcode END,
                    r.payment, r.points, r.stamps, CASE WHEN r.has_cancels THEN r.cancels::uuid END,
                    CASE WHEN r.has_actor THEN r.actor END, CASE WHEN r.has_reason THEN r.reason END,
                    CASE WHEN r.has_coupon THEN r.coupon::jsonb END, r.prev, r.hash
                FROM unnest(\(c.ids)::text[], \(c.seqs)::bigint[], \(c.types)::text[], \(c.occurredAt)::text[],
                    \(c.phones)::text[], \(c.hasPhone)::bool[], \(c.barcodes)::text[], \(c.hasBarcode)::bool[],
                    \(c.payments)::bigint[], \(c.points)::bigint[], \(c.stamps)::bigint[],
                    \(c.cancels)::text[], \(c.hasCancels)::bool[], \(c.actors)::text[], \(c.hasActor)::bool[],
                    \(c.reasons)::text[], \(c.hasReason)::bool[], \(c.coupons)::text[], \(c.hasCoupon)::bool[],
                    \(c.prevHashes)::text[], \(c.hashes)::text[])
                    AS r(id, seq, type, occurred, phone, has_phone, barcode, has_barcode, payment, points, stamps,
                         cancels, has_cancels, actor, has_actor, reason, has_reason, coupon, has_coupon, prev, hash)
                \(unescaped: skippingHeld ? "ON CONFLICT DO NOTHING RETURNING id::text" : "")
                """, logger: logger)
            guard skippingHeld else { return .all }
            var inserted: Set<String> = []
            for try await id in result.decode(String.self) { inserted.insert(id) }
            return .only(inserted)
        } catch let error as PSQLError where !skippingHeld && error.serverInfo?[.sqlState] == Self.uniqueViolation {
            throw HeldID()
        }
    }

    /// PostgreSQL's SQLSTATE for a unique constraint a row would break.
    private static let uniqueViolation = "23505"

    private func record(_ rejections: [(UploadedTransaction, String, String)], store: String, _ connection: PostgresConnection) async throws {
        for (transaction, code, reason) in rejections {
            try await connection.query("""
                INSERT INTO store_rejection (store_id, seq, id, code, reason, prev_hash, hash)
                VALUES (\(store), \(transaction.seq), \(transaction.id), \(code), \(reason), \(transaction.prevHash), \(transaction.hash))
                ON CONFLICT (store_id, seq) DO NOTHING
                """, logger: logger)
        }
    }
}

extension IncomingBatch.Row {
    var seq: Int64? {
        switch self {
        case .readable(let transaction): transaction.seq
        case .unreadable(_, let seq, _): seq
        }
    }
}
