import Foundation
import GRDB

/// One day's figures in the store's time zone.
public struct DailyStatistics: Sendable, Hashable, Codable {
    public var day: StoreDay
    /// Accruals, uses and conversions (not cancellations or expiries).
    public var transactions: Int64 = 0
    public var payments: Won = 0
    public var pointsGranted: Points = 0
    public var pointsUsed: Points = 0
    public var pointsExpired: Points = 0
    public var stampsGranted: Stamps = 0
    public var stampsUsed: Stamps = 0
    public var distinctCustomers: Int64 = 0
    public var cancellations: Int64 = 0

    public init(day: StoreDay) { self.day = day }
}

extension Ledger {
    /// The largest span one statistics call covers, so a typo cannot scan decades day by day.
    public static let maxStatisticsDays = 400

    /// Figures for each day from `first` to `last`, both included.
    public func dailyStatistics(from first: StoreDay, to last: StoreDay) async throws -> [DailyStatistics] {
        guard first <= last else {
            throw LedgerError(.invalidQuery, "the first day \(first) is after the last day \(last); swap them")
        }
        var days: [StoreDay] = [first]
        while let current = days.last, current < last {
            guard days.count < Self.maxStatisticsDays else {
                throw LedgerError(.invalidQuery, "statistics cover at most \(Self.maxStatisticsDays) days at once; ask for a shorter span")
            }
            days.append(current.adding(days: 1, in: timeZone))
        }
        let zone = timeZone
        let span = days
        return try await storageErrors {
            try await database.pool.read { db in
                try span.map { day in
                    let start = day.start(in: zone).ledgerMilliseconds
                    let end = day.adding(days: 1, in: zone).start(in: zone).ledgerMilliseconds
                    return try Self.statistics(db, day: day, from: start, to: end)
                }
            }
        }
    }

    private static func statistics(_ db: Database, day: StoreDay, from start: Int64, to end: Int64) throws -> DailyStatistics {
        var figures = DailyStatistics(day: day)
        guard
            let row = try Row.fetchOne(try db.prepared("""
                    SELECT
                        COALESCE(SUM(type IN ('accrual', 'point_use', 'stamp_use', 'conversion')), 0) AS transactions,
                        COALESCE(SUM(CASE WHEN type = 'accrual' THEN payment END), 0) AS payments,
                        COALESCE(SUM(CASE WHEN type IN ('accrual', 'conversion') THEN points END), 0) AS points_granted,
                        COALESCE(SUM(CASE WHEN type = 'point_use' THEN -points END), 0) AS points_used,
                        COALESCE(SUM(CASE WHEN type = 'expiry' THEN -points END), 0) AS points_expired,
                        COALESCE(SUM(CASE WHEN type IN ('accrual', 'conversion') THEN stamps END), 0) AS stamps_granted,
                        COALESCE(SUM(CASE WHEN type = 'stamp_use' THEN -stamps END), 0) AS stamps_used,
                        COUNT(DISTINCT CASE WHEN type IN ('accrual', 'point_use', 'stamp_use') THEN member_id END) AS customers,
                        COALESCE(SUM(type = 'cancellation'), 0) AS cancellations
                    FROM ledger_transaction
                    WHERE occurred_at >= ? AND occurred_at < ?
                    """),
                arguments: [start, end])
        else { return figures }
        figures.transactions = row["transactions"]
        figures.payments = row["payments"]
        figures.pointsGranted = row["points_granted"]
        figures.pointsUsed = row["points_used"]
        figures.pointsExpired = row["points_expired"]
        figures.stampsGranted = row["stamps_granted"]
        figures.stampsUsed = row["stamps_used"]
        figures.distinctCustomers = row["customers"]
        figures.cancellations = row["cancellations"]
        return figures
    }
}
