import Foundation

/// A coupon used at the counter, named by its code (scanned or typed).
public struct CouponRedemption: Sendable, Hashable {
    public var code: CouponCode
    public var actor: String?

    public init(code: CouponCode, actor: String? = nil) {
        self.code = code
        self.actor = actor
    }
}

extension Ledger {
    /// Redeems an issued coupon: a `coupon_redemption` transaction for its member, and the coupon is held by
    /// it. Refused for a coupon already redeemed (naming the redemption), expired or void. A redemption is
    /// undone with `cancelRedemption` (or `cancel`), once; the coupon can then be redeemed again.
    public func redeemCoupon(_ redemption: CouponRedemption, key: IdempotencyKey) async throws -> OperationResult {
        let actor = try redemption.actor.map { text throws(LedgerError) in try checkText(text, "the actor", maxLength: 100) }
        let code = redemption.code
        let request = ["coupon_redemption", code.rawValue, actor ?? ""]
        return try await performOnce(key: key, request: request) { db, now in
            guard let found = try CouponStore.find(db, code: code) else {
                throw LedgerError(.couponNotFound, "no coupon has code \(code); check the code, or scan it again")
            }
            // Due expiries first: a coupon past its expiry is refused as expired (and, refused, nothing is written).
            let member = try self.expireDue(db, member: try MemberStore.require(db, .id(found.memberID)), at: now)
            var coupon = try CouponStore.require(db, id: found.id)
            try Self.checkRedeemable(coupon, in: self.timeZone)
            let transaction = try TransactionLog.append(
                db, .init(type: .couponRedemption, memberID: member.id, occurredAt: now, actor: actor, coupon: coupon))
            try CouponStore.set(db, coupon.id, to: .redeemed, redemption: transaction.id)
            coupon.state = .redeemed
            coupon.redeemedBy = transaction.id
            return OperationResult(transaction: transaction, member: member, coupons: [coupon])
        }
    }

    static func checkRedeemable(_ coupon: Coupon, in zone: TimeZone) throws(LedgerError) {
        switch coupon.state {
        case .issued:
            return
        case .redeemed:
            throw LedgerError(
                .couponAlreadyRedeemed,
                "coupon \(coupon.code) was already redeemed by transaction \(coupon.redeemedBy ?? 0); a coupon is used once",
                transactionID: coupon.redeemedBy)
        case .expired:
            let when = coupon.expiresAt.map { " on \(StoreDay(containing: $0.addingTimeInterval(-0.001), in: zone))" } ?? ""
            throw LedgerError(.couponExpired, "coupon \(coupon.code) expired\(when) and can no longer be redeemed")
        case .void:
            throw LedgerError(.couponVoid, "coupon \(coupon.code) was voided (the purchase that earned it was cancelled, or the voucher withdrawn)")
        }
    }
}
