/// One shop's day in `posagent-central report`: what its stored transactions did that calendar day (the
/// day the shop's own clock gave, `business_day`). Cancellations are counted, not subtracted from the
/// figures of the transactions they reverse.
struct ShopDay: Codable, Sendable, Hashable {
    var store: String
    /// `YYYY-MM-DD`.
    var day: String
    var accruals: Int64
    /// Point uses and stamp uses.
    var uses: Int64
    /// By accruals and conversions.
    var pointsGranted: Int64
    var pointsUsed: Int64
    var pointsExpired: Int64
    /// By accruals and conversions.
    var stampsGranted: Int64
    /// By stamp uses and by full stamp cards turned into coupons.
    var stampsUsed: Int64
    var couponsIssued: Int64
    var couponsRedeemed: Int64
    var cancellations: Int64
    /// Members (by phone or card) with any transaction that day.
    var members: Int64

    /// The figures after the store and day, in the order every format shows them.
    var figures: [Int64] {
        [accruals, uses, pointsGranted, pointsUsed, pointsExpired, stampsGranted, stampsUsed, couponsIssued,
         couponsRedeemed, cancellations, members]
    }

    /// Column names for people (the table) and for programs (CSV), in the order of `figures`.
    static let titles = ["accruals", "uses", "points granted", "points used", "points expired", "stamps granted",
                         "stamps used", "coupons issued", "coupons redeemed", "cancellations", "members"]
    static let csvNames = ["accruals", "uses", "points_granted", "points_used", "points_expired", "stamps_granted",
                           "stamps_used", "coupons_issued", "coupons_redeemed", "cancellations", "members"]
}
