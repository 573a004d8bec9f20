import Foundation
import GRDB

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
            try self.commitRedemption(db, code: code, actor: actor, reason: nil, at: now)
        }
    }

    /// Commits the redemption of the coupon with `code` inside the caller's SQLite transaction. `holder`, when
    /// given, must be the coupon's member: an act on a member's one-time code redeems only their coupons.
    func commitRedemption(_ db: Database, code: CouponCode, holder: Member? = nil, actor: String?, reason: String?,
                          at now: Date) throws -> OperationResult {
        guard let found = try CouponStore.find(db, code: code) else {
            throw LedgerError(.couponNotFound, "no coupon has code \(code); check the code, or scan it again")
        }
        if let holder, found.memberID != holder.id {
            throw LedgerError(.couponOfAnotherMember, "coupon \(code) is another member's, not \(holder.maskedIdentity)'s; their code redeems only their own coupons")
        }
        // Due expiries first: a coupon past its expiry is refused as expired (and, refused, nothing is written).
        let member = try expireDue(db, member: try MemberStore.require(db, .id(found.memberID)), at: now)
        var coupon = try CouponStore.require(db, id: found.id)
        try Self.checkRedeemable(coupon, in: timeZone)
        let transaction = try TransactionLog.append(
            db, .init(type: .couponRedemption, memberID: member.id, occurredAt: now, actor: actor, reason: reason, coupon: coupon))
        try CouponStore.set(db, coupon.id, to: .redeemed, redemption: transaction.id)
        coupon.state = .redeemed
        coupon.redeemedBy = transaction.id
        return OperationResult(transaction: transaction, member: member, coupons: [coupon])
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
