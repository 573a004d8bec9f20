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
        let rows = batch.transactions
        let ids = rows.compactMap { row -> String? in if case .readable(let t) = row { t.id } else { nil } }
        return try await client.withTransaction(logger: logger) { connection in
            var tip = try await lockStore(store, connection)
            let stored = try await storedRows(store: store, ids: ids, connection)
            let rejections = try await rejectionRows(store: store, seqs: rows.compactMap(\.seq), connection)
            var answer = UploadAnswer(accepted: [], duplicates: [], rejected: [])
            var inserts: [UploadedTransaction] = []
            var insertedSeqs: Set<Int64> = []
            var newRejections: [(UploadedTransaction, String, String)] = []
            var gapsFilled: [Int64] = []
            for row in rows {
                guard case .readable(let transaction) = row else {
                    if case .unreadable(let id?, _, let reason) = row {
                        answer.rejected.append(.init(id: id, code: "malformed", reason: reason))
                    }
                    continue
                }
                let id = transaction.id.lowercased()
                if let seq = stored.byID[id] {
                    if seq == transaction.seq {
                        answer.duplicates.append(transaction.id)
                    } else {
                        answer.rejected.append(.init(id: transaction.id, code: "id_conflict",
                                                     reason: "this id is stored already at seq \(seq); a transaction id is never reused"))
                    }
                    continue
                }
                if stored.bySeq[transaction.seq] != nil || insertedSeqs.contains(transaction.seq) {
                    answer.rejected.append(.init(id: transaction.id, code: "seq_conflict",
                                                 reason: "seq \(transaction.seq) of this store holds another transaction"))
                    continue
                }
                if transaction.seq <= tip.seq {
                    // A transaction rejected earlier and sent again: it fills its place if its link is the one recorded.
                    guard let earlier = rejections[transaction.seq], earlier.id == transaction.id,
                          earlier.prevHash == transaction.prevHash, earlier.hash == transaction.hash
                    else {
                        answer.rejected.append(.init(id: transaction.id, code: "chain_broken",
                                                     reason: "seq \(transaction.seq) comes before the end of this store's chain (seq \(tip.seq)) and is not a transaction rejected there"))
                        continue
                    }
                    if let problem = RowCheck.problem(transaction) {
                        answer.rejected.append(.init(id: transaction.id, code: problem.code, reason: problem.reason))
                    } else {
                        inserts.append(transaction)
                        insertedSeqs.insert(transaction.seq)
                        gapsFilled.append(transaction.seq)
                    }
                    continue
                }
                guard transaction.prevHash == tip.hash else {
                    answer.rejected.append(.init(id: transaction.id, code: "chain_broken",
                                                 reason: "prevHash does not continue this store's chain, which ends at seq \(tip.seq)"))
                    continue
                }
                if let problem = RowCheck.problem(transaction) {
                    answer.rejected.append(.init(id: transaction.id, code: problem.code, reason: problem.reason))
                    if RowCheck.isHash(transaction.hash) {
                        newRejections.append((transaction, problem.code, problem.reason))
                        tip = Tip(seq: transaction.seq, hash: transaction.hash)
                    }
                    continue
                }
                inserts.append(transaction)
                insertedSeqs.insert(transaction.seq)
                tip = Tip(seq: transaction.seq, hash: transaction.hash)
            }
            let inserted = try await insert(inserts, store: store, connection)
            for transaction in inserts {
                if inserted.contains(transaction.id.lowercased()) {
                    answer.accepted.append(transaction.id)
                } else {
                    answer.rejected.append(.init(id: transaction.id, code: "id_conflict",
                                                 reason: "another store holds a transaction with this id"))
                }
            }
            try await record(newRejections, store: store, connection)
            if !gapsFilled.isEmpty {
                try await connection.query("DELETE FROM store_rejection WHERE store_id = \(store) AND seq = ANY(\(gapsFilled))", logger: logger)
            }
            try await connection.query(
                "UPDATE store SET last_seq = \(tip.seq), last_hash = \(tip.hash) WHERE id = \(store)", logger: logger)
            return answer
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
        var byID: [String: Int64] = [:]
        var bySeq: [Int64: String] = [:]
    }

    /// What the store holds already of the batch: by id (any store's, to refuse an id used elsewhere) and by seq.
    private func storedRows(store: String, ids: [String], _ connection: PostgresConnection) async throws -> Stored {
        var stored = Stored()
        let uuids = ids.compactMap { UUID(uuidString: $0) }
        let rows = try await connection.query("""
            SELECT id::text, store_id, seq FROM store_transaction WHERE id = ANY(\(uuids))
            """, logger: logger)
        for try await (id, owner, seq) in rows.decode((String, String, Int64).self) {
            stored.byID[id] = owner == store ? seq : -1
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

    /// Inserts `transactions` in one statement of bound column arrays; returns the ids stored now. Each
    /// was decoded and checked here first. A row whose id or (store, seq) is held already is skipped, not
    /// an error, so the batch's transaction goes on.
    private func insert(_ transactions: [UploadedTransaction], store: String, _ connection: PostgresConnection) async throws -> Set<String> {
        guard !transactions.isEmpty else { return [] }
        let c = try TransactionColumns(transactions)
        let result = try await connection.query("""
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
            ON CONFLICT DO NOTHING
            RETURNING id::text
            """, logger: logger)
        var inserted: Set<String> = []
        for try await id in result.decode(String.self) { inserted.insert(id) }
        return inserted
    }

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
