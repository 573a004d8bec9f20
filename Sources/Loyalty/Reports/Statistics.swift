import Foundation
import GRDB

/// One day's figures in the store's time zone. Each figure counts transactions as they were written that
/// day: a later cancellation is counted on its own day, under `cancellations`.
public struct DailyStatistics: Sendable, Hashable, Codable {
    public var day: StoreDay
    /// Accruals, uses and conversions (not cancellations, expiries or coupons).
    public var transactions: Int64 = 0
    public var payments: Won = 0
    public var pointsGranted: Points = 0
    public var pointsUsed: Points = 0
    public var pointsExpired: Points = 0
    public var stampsGranted: Stamps = 0
    /// Stamps spent by stamp uses.
    public var stampsUsed: Stamps = 0
    /// Stamps that full stamp cards turned into coupons.
    public var stampsToCoupons: Stamps = 0
    /// Members with an accrual, a use or a coupon redemption that day.
    public var distinctCustomers: Int64 = 0
    /// Members enrolled that day.
    public var newMembers: Int64 = 0
    /// Coupons issued: stamp-card rewards and vouchers.
    public var couponsIssued: Int64 = 0
    public var couponsRedeemed: Int64 = 0
    public var couponsExpired: Int64 = 0
    /// Cancellation transactions, including the coupons a cancelled purchase voided.
    public var cancellations: Int64 = 0

    public init(day: StoreDay) { self.day = day }
}

/// One hour of a day's figures, for the by-hour chart.
public struct HourlyStatistics: Sendable, Hashable, Codable {
    /// 0–23: the hour from the day's start in the store's time zone.
    public var hour: Int
    /// Accruals, uses and conversions.
    public var transactions: Int64 = 0
    public var payments: Won = 0
    public var pointsGranted: Points = 0
    public var stampsGranted: Stamps = 0
    public var couponsRedeemed: Int64 = 0
    public var distinctCustomers: Int64 = 0

    public init(hour: Int) { self.hour = hour }
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

    /// Figures for each hour of `day` (24 hours from its start).
    public func hourlyStatistics(on day: StoreDay) async throws -> [HourlyStatistics] {
        let start = day.start(in: timeZone).ledgerMilliseconds
        let end = day.adding(days: 1, in: timeZone).start(in: timeZone).ledgerMilliseconds
        // One row per hour; each joins the transactions of its own time range, so the time index serves it.
        let hours = (0..<24).map { hour in (hour, start + Int64(hour) * 3_600_000, hour == 23 ? end : start + Int64(hour + 1) * 3_600_000) }
        let values = hours.map { _ in "(?, ?, ?)" }.joined(separator: ", ")
        let arguments = StatementArguments(hours.flatMap { [Int64($0.0), $0.1, $0.2] })
        return try await storageErrors {
            try await database.pool.read { db in
                try Row.fetchAll(try db.prepared("""
                    WITH hours(hour, start, end) AS (VALUES \(values))
                    SELECT h.hour,
                        COALESCE(SUM(t.type IN ('accrual', 'point_use', 'stamp_use', 'conversion')), 0) AS transactions,
                        COALESCE(SUM(CASE WHEN t.type = 'accrual' THEN t.payment END), 0) AS payments,
                        COALESCE(SUM(CASE WHEN t.type IN ('accrual', 'conversion') THEN t.points END), 0) AS points_granted,
                        COALESCE(SUM(CASE WHEN t.type IN ('accrual', 'conversion') THEN t.stamps END), 0) AS stamps_granted,
                        COALESCE(SUM(t.type = 'coupon_redemption'), 0) AS coupons_redeemed,
                        COUNT(DISTINCT CASE WHEN t.type IN \(Self.customerTypes) THEN t.member_id END) AS customers
                    FROM hours h LEFT JOIN ledger_transaction t ON t.occurred_at >= h.start AND t.occurred_at < h.end
                    GROUP BY h.hour ORDER BY h.hour
                    """), arguments: arguments
                ).map { row in
                    var figures = HourlyStatistics(hour: row["hour"])
                    figures.transactions = row["transactions"]
                    figures.payments = row["payments"]
                    figures.pointsGranted = row["points_granted"]
                    figures.stampsGranted = row["stamps_granted"]
                    figures.couponsRedeemed = row["coupons_redeemed"]
                    figures.distinctCustomers = row["customers"]
                    return figures
                }
            }
        }
    }

    /// The transactions that make a member a customer of the day.
    private static let customerTypes = "('accrual', 'point_use', 'stamp_use', 'coupon_redemption')"

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
                        COALESCE(SUM(CASE WHEN type = 'coupon_issue' THEN -stamps END), 0) AS stamps_to_coupons,
                        COUNT(DISTINCT CASE WHEN type IN \(customerTypes) THEN member_id END) AS customers,
                        COALESCE(SUM(type = 'coupon_issue'), 0) AS coupons_issued,
                        COALESCE(SUM(type = 'coupon_redemption'), 0) AS coupons_redeemed,
                        COALESCE(SUM(type = 'coupon_expiry'), 0) AS coupons_expired,
                        COALESCE(SUM(type = 'cancellation'), 0) AS cancellations,
                        (SELECT COUNT(*) FROM member WHERE created_at >= ?1 AND created_at < ?2) AS new_members
                    FROM ledger_transaction
                    WHERE occurred_at >= ?1 AND occurred_at < ?2
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
        figures.stampsToCoupons = row["stamps_to_coupons"]
        figures.distinctCustomers = row["customers"]
        figures.newMembers = row["new_members"]
        figures.couponsIssued = row["coupons_issued"]
        figures.couponsRedeemed = row["coupons_redeemed"]
        figures.couponsExpired = row["coupons_expired"]
        figures.cancellations = row["cancellations"]
        return figures
    }
}
