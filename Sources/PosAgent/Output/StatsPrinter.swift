import Loyalty

enum StatsPrinter {
    static func render(_ days: [DailyStatistics]) -> String {
        var table = TextTable([("Day", .left), ("Txns", .right), ("Payments", .right), ("Pts granted", .right),
                               ("Pts used", .right), ("Pts expired", .right), ("Stamps +", .right), ("Stamps -", .right),
                               ("Customers", .right), ("Cancels", .right)])
        for day in days {
            table.add([day.day.description, grouped(day.transactions), grouped(day.payments), grouped(day.pointsGranted),
                       grouped(day.pointsUsed), grouped(day.pointsExpired), grouped(day.stampsGranted),
                       grouped(day.stampsUsed), grouped(day.distinctCustomers), grouped(day.cancellations)])
        }
        return table.render()
    }
}
