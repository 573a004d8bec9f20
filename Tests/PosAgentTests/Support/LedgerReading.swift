import Foundation

/// The ledger as the daemon shows it: every transaction of its history (`/v1/transactions`, all pages),
/// and what the long run's checks after a kill cycle need from them.
struct LedgerReading {
    var transactions: [[String: Any]] = []

    static func read(_ daemon: DaemonHarness) async throws -> LedgerReading {
        var reading = LedgerReading()
        var cursor: String?
        repeat {
            let path = "/v1/transactions?range=all&limit=1000" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await daemon.request("GET", path).json()
            reading.transactions += (page["transactions"] as? [[String: Any]] ?? []).compactMap { $0["transaction"] as? [String: Any] }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return reading
    }

    private func count<Key: Hashable>(ofType type: String, by key: String, as _: Key.Type) -> [Key: Int] {
        var counts: [Key: Int] = [:]
        for transaction in transactions where transaction["type"] as? String == type {
            if let value = transaction[key] as? Key { counts[value, default: 0] += 1 }
        }
        return counts
    }

    /// Accruals by payment: the kill cycles' payments (10,000 won and up) are unique.
    var accrualsByPayment: [Int: Int] { count(ofType: "accrual", by: "payment", as: Int.self).filter { $0.key >= 10_000 } }
    /// Cancellations by the transaction they cancel.
    var cancellationsByTarget: [Int: Int] { count(ofType: "cancellation", by: "cancels", as: Int.self) }
    /// Redemptions by coupon code.
    var redemptionsByCode: [String: Int] { count(ofType: "coupon_redemption", by: "coupon", as: String.self) }
    var syncIDs: [String] { transactions.compactMap { $0["syncID"] as? String } }
}
