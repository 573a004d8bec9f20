import Foundation
import Loyalty

/// Builds a ledger of `transactions` accruals over a year (`LedgerBuilder`), then times one-day
/// history queries on random days: the first page (what a screen shows) and the whole day; and the
/// daily statistics of such a day (with its hours) and of the 30 days up to it.
enum HistoryLatency {
    static let days = LedgerBuilder.days

    static func run(path: String, transactions: Int, queries: Int) async throws -> [String] {
        let zone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
        let firstDay = LedgerBuilder.firstDay(in: zone)
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full), timeZone: zone)
        let buildSeconds = try await LedgerBuilder.build(ledger, transactions: transactions, from: firstDay.start(in: zone))

        var firstPage = Latencies(), wholeDay = Latencies(), dayFigures = Latencies(), monthFigures = Latencies()
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

            // What `posagent stats` asks: the day with its hours, and a month of days.
            begin = now()
            _ = try await ledger.dailyStatistics(from: day, to: day)
            _ = try await ledger.hourlyStatistics(on: day)
            dayFigures.samples.append(now() - begin)
            begin = now()
            _ = try await ledger.dailyStatistics(from: day.adding(days: -29, in: zone), to: day)
            monthFigures.samples.append(now() - begin)
        }
        return [
            "built \(transactions) transactions in \(format(buildSeconds, 1)) s (\(format(Double(transactions) / buildSeconds, 0))/s through the import path)",
            "first page (50 rows): p50 \(milliseconds(firstPage.percentile(0.5))) ms, p99 \(milliseconds(firstPage.percentile(0.99))) ms (target p99 ≤ 5 ms)",
            "whole day (\(rows / max(queries, 1)) rows): p50 \(milliseconds(wholeDay.percentile(0.5))) ms, p99 \(milliseconds(wholeDay.percentile(0.99))) ms",
            "statistics of a day and its hours: p50 \(milliseconds(dayFigures.percentile(0.5))) ms, p99 \(milliseconds(dayFigures.percentile(0.99))) ms",
            "statistics of 30 days: p50 \(milliseconds(monthFigures.percentile(0.5))) ms, p99 \(milliseconds(monthFigures.percentile(0.99))) ms",
        ]
    }
}
