import Foundation
import Loyalty

/// Fills a ledger with `transactions` accruals spread over a year (or `span` days) through the import
/// path, in batches, so benchmarks that need a large ledger (history queries, daemon start-up, an upload
/// backlog) build it the same way.
enum LedgerBuilder {
    static let days = 365
    static let members = 50_000

    /// Imports the accruals, the first at `origin`, in batches of 20,000; returns the seconds it took.
    static func build(_ ledger: Ledger, transactions: Int, from origin: Date, span: Int = days) async throws -> Double {
        let start = now()
        let step = Double(span * 86_400) / Double(max(transactions, 1))
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
        return now() - start
    }

    /// The first day of a year ending today, in `zone`.
    static func firstDay(in zone: TimeZone) -> StoreDay {
        StoreDay(containing: Date(), in: zone).adding(days: -(days - 1), in: zone)
    }
}
