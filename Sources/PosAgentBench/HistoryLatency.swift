import Foundation
import Loyalty

/// Builds a ledger of `transactions` accruals over a year through the import path, then times one-day
/// history queries on random days: the first page (what a screen shows) and the whole day.
enum HistoryLatency {
    static let days = 365
    static let members = 50_000

    static func run(path: String, transactions: Int, queries: Int) async throws -> [String] {
        let zone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
        let lastDay = StoreDay(containing: Date(), in: zone)
        let firstDay = lastDay.adding(days: -(days - 1), in: zone)
        let origin = firstDay.start(in: zone)
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full), timeZone: zone)

        let buildStart = now()
        let step = Double(days * 86_400) / Double(transactions)
        var next = 0
        while next < transactions {
            let batch = try (next..<min(next + 20_000, transactions)).map { index in
                HistoricalAccrual(
                    member: .phone(try PhoneNumber(parsing: "010\(20_000_000 + index % members)")),
                    payment: Int64(1_000 + (index * 7_919) % 200_000),
                    occurredAt: origin.addingTimeInterval(Double(index) * step))
            }
            try await ledger.importAccruals(batch)
            next += batch.count
        }
        let buildSeconds = now() - buildStart

        var firstPage = Latencies(), wholeDay = Latencies()
        var rows = 0
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<queries {
            let day = firstDay.adding(days: Int.random(in: 0..<days, using: &generator), in: zone)
            let range = HistoryRange.between(from: day.start(in: zone), to: day.adding(days: 1, in: zone).start(in: zone))
            var begin = now()
            _ = try await ledger.history(HistoryQuery(range: range, limit: 50))
            firstPage.samples.append(now() - begin)

            begin = now()
            var cursor: String?
            repeat {
                let page = try await ledger.history(HistoryQuery(range: range, limit: 1_000, cursor: cursor))
                rows += page.entries.count
                cursor = page.nextCursor
            } while cursor != nil
            wholeDay.samples.append(now() - begin)
        }
        return [
            "built \(transactions) transactions in \(format(buildSeconds, 1)) s (\(format(Double(transactions) / buildSeconds, 0))/s through the import path)",
            "first page (50 rows): p50 \(milliseconds(firstPage.percentile(0.5))) ms, p99 \(milliseconds(firstPage.percentile(0.99))) ms (target p99 ≤ 5 ms)",
            "whole day (\(rows / max(queries, 1)) rows): p50 \(milliseconds(wholeDay.percentile(0.5))) ms, p99 \(milliseconds(wholeDay.percentile(0.99))) ms",
        ]
    }
}
