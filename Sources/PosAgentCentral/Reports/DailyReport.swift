import Logging
import PostgresNIO

/// `posagent-central report`'s figures: per shop and day, from the stored transactions.
struct DailyReport: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The shops' days in the period, by store then day; only `store` when given, which must exist.
    func days(in period: ReportPeriod, store: String?) async throws -> [ShopDay] {
        if let store {
            let rows = try await client.query("SELECT 1 FROM store WHERE id = \(store)", logger: logger)
            var known = false
            for try await _ in rows { known = true }
            guard known else {
                throw CentralError(.unknownStore, "there is no store \(store); `store list` shows the stores")
            }
        }
        let rows = try await client.query("""
            SELECT store_id, business_day::text,
                count(*) FILTER (WHERE type = 'accrual'),
                count(*) FILTER (WHERE type IN ('point_use', 'stamp_use')),
                COALESCE(sum(points) FILTER (WHERE type IN ('accrual', 'conversion')), 0)::bigint,
                COALESCE(-sum(points) FILTER (WHERE type = 'point_use'), 0)::bigint,
                COALESCE(-sum(points) FILTER (WHERE type = 'expiry'), 0)::bigint,
                COALESCE(sum(stamps) FILTER (WHERE type IN ('accrual', 'conversion')), 0)::bigint,
                COALESCE(-sum(stamps) FILTER (WHERE type IN ('stamp_use', 'coupon_issue')), 0)::bigint,
                count(*) FILTER (WHERE type = 'coupon_issue'),
                count(*) FILTER (WHERE type = 'coupon_redemption'),
                count(*) FILTER (WHERE type = 'cancellation'),
                count(DISTINCT COALESCE('phone:' || member_phone, 'card:' || member_barcode))
            FROM store_transaction
            WHERE (\(store)::text IS NULL OR store_id = \(store))
                AND (\(period.from)::date IS NULL OR business_day >= \(period.from)::date)
                AND (\(period.until)::date IS NULL OR business_day <= \(period.until)::date)
            GROUP BY store_id, business_day
            ORDER BY store_id, business_day
            """, logger: logger)
        var days: [ShopDay] = []
        for try await (store, day, accruals, uses, pointsGranted, pointsUsed, pointsExpired, stampsGranted, stampsUsed,
                       couponsIssued, couponsRedeemed, cancellations, members)
            in rows.decode((String, String, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64).self) {
            days.append(ShopDay(
                store: store, day: day, accruals: accruals, uses: uses, pointsGranted: pointsGranted, pointsUsed: pointsUsed,
                pointsExpired: pointsExpired, stampsGranted: stampsGranted, stampsUsed: stampsUsed, couponsIssued: couponsIssued,
                couponsRedeemed: couponsRedeemed, cancellations: cancellations, members: members))
        }
        return days
    }
}
