/// Coupons as a table for people.
enum CouponPrinter {
    static func table(_ coupons: [CouponView]) -> String {
        var table = TextTable([("Code", .left), ("State", .left), ("Kind", .left), ("Value", .right), ("For", .left),
                               ("Member", .right), ("Issued", .left), ("Expires", .left), ("Redemption", .right)])
        for coupon in coupons {
            table.add([coupon.code, coupon.state, coupon.kind == "stamp_card" ? "stamp card" : coupon.kind, grouped(coupon.value),
                       coupon.description, "#\(coupon.memberID)", minute(coupon.issuedAt), coupon.expiresAt.map(minute) ?? "never",
                       coupon.redeemedBy.map(String.init) ?? ""])
        }
        return table.render()
    }

    /// "2026-03-02T10:00:00.000+09:00" -> "2026-03-02 10:00"
    static func minute(_ stamp: String) -> String { String(stamp.prefix(16)).replacingOccurrences(of: "T", with: " ") }
}
