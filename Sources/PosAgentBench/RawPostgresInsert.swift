import Foundation
import Logging
import PostgresNIO
import SyncWire

/// The central benchmark's baseline: the same rows inserted straight into `store_transaction` with
/// postgres-nio, one batch per transaction with one `INSERT … SELECT FROM unnest(…)` of bound arrays,
/// on one connection. No HTTP, no JSON, no checks, no chain: what the database alone costs.
struct RawPostgresInsert {
    let cluster: BenchCluster
    let database: String

    /// One batch's columns, converted before the clock runs.
    private struct Columns: Sendable {
        var ids: [UUID] = [], seqs: [Int64] = [], types: [String] = [], occurred: [Date] = [], days: [String] = []
        var phones: [String] = [], payments: [Int64] = [], points: [Int64] = [], stamps: [Int64] = []
        var prevHashes: [String] = [], hashes: [String] = []
    }

    func run(_ backlog: ChainBacklog) async throws -> Latencies {
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, includingFractionalSeconds: true)
        let work: [(store: String, columns: Columns)] = try backlog.shops.flatMap { shop in
            try backlog.batches(of: shop).map { batch in
                var columns = Columns()
                for row in batch {
                    guard let id = UUID(uuidString: row.id) else { throw CounterBenchError("a benchmark row has no UUID") }
                    columns.ids.append(id)
                    columns.seqs.append(row.seq)
                    columns.types.append(row.type)
                    columns.occurred.append(try style.parse(row.occurredAt))
                    columns.days.append(String(row.occurredAt.prefix(10)))
                    columns.phones.append(row.member.phone ?? "")
                    columns.payments.append(row.payment)
                    columns.points.append(row.points)
                    columns.stamps.append(row.stamps)
                    columns.prevHashes.append(row.prevHash)
                    columns.hashes.append(row.hash)
                }
                return (shop.id, columns)
            }
        }
        let stores = backlog.shops.map(\.id)
        let logger = cluster.logger
        return try await cluster.withClient(database: database) { client in
            for store in stores {
                try await client.query("""
                    INSERT INTO store (id, name, token_sha256) VALUES (\(store), \(store), encode(sha256(convert_to(\(store), 'UTF8')), 'hex'))
                    """, logger: logger)
            }
            var latencies = Latencies()
            let begin = now()
            for (store, c) in work {
                let start = now()
                try await client.withTransaction(logger: logger) { connection in
                    try await connection.query("""
                        INSERT INTO store_transaction (id, store_id, seq, type, occurred_at, business_day, member_phone,
                            payment, points, stamps, actor, prev_hash, hash)
                        SELECT r.id, \(store), r.seq, r.type, r.occurred, r.day::date, r.phone, r.payment, r.points, r.stamps,
                            'pos', r.prev, r.hash
                        FROM unnest(\(c.ids)::uuid[], \(c.seqs)::bigint[], \(c.types)::text[], \(c.occurred)::timestamptz[],
                            \(c.days)::text[], \(c.phones)::text[], \(c.payments)::bigint[], \(c.points)::bigint[],
                            \(c.stamps)::bigint[], \(c.prevHashes)::text[], \(c.hashes)::text[])
                            AS r(id, seq, type, occurred, day, phone, payment, points, stamps, prev, hash)
                        """, logger: logger)
                }
                latencies.samples.append(now() - start)
            }
            latencies.elapsed = now() - begin
            return latencies
        }
    }
}
