import Loyalty

/// Daily figures as a table, and one day's transactions by hour as a bar chart.
enum StatsPrinter {
    static func render(_ days: [DailyStatistics]) -> String {
        var table = TextTable([("Day", .left), ("Txns", .right), ("Payments", .right), ("Customers", .right), ("New", .right),
                               ("Pts +", .right), ("Pts used", .right), ("Pts exp", .right), ("Stamps +", .right),
                               ("Stamps used", .right), ("To coupons", .right), ("Coupons +", .right), ("Redeemed", .right),
                               ("Cpn exp", .right), ("Cancels", .right)])
        for day in days {
            table.add([day.day.description, grouped(day.transactions), grouped(day.payments), grouped(day.distinctCustomers),
                       grouped(day.newMembers), grouped(day.pointsGranted), grouped(day.pointsUsed), grouped(day.pointsExpired),
                       grouped(day.stampsGranted), grouped(day.stampsUsed), grouped(day.stampsToCoupons), grouped(day.couponsIssued),
                       grouped(day.couponsRedeemed), grouped(day.couponsExpired), grouped(day.cancellations)])
        }
        return table.render()
    }

    /// Transactions per hour, from the first busy hour to the last, as bars of at most `width` blocks.
    static func chart(day: StoreDay, hours: [HourlyStatistics], width: Int = 40) -> String {
        let busy = hours.filter { $0.transactions > 0 || $0.couponsRedeemed > 0 }
        guard let first = busy.first?.hour, let last = busy.last?.hour else {
            return "By hour, \(day): no transactions."
        }
        let most = max(1, hours.map(\.transactions).max() ?? 1)
        var lines = ["By hour, \(day) (transactions; customers):"]
        for hour in hours where (first...last).contains(hour.hour) {
            let blocks = hour.transactions == 0 ? 0 : max(1, Int(hour.transactions * Int64(width) / most))
            let label = hour.hour < 10 ? "0\(hour.hour)" : "\(hour.hour)"
            let bar = String(repeating: "█", count: blocks) + String(repeating: " ", count: width - blocks)
            lines.append("\(label)h \(bar) \(grouped(hour.transactions)); \(grouped(hour.distinctCustomers))")
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
    }
}
