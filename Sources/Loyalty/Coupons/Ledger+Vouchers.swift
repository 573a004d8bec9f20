import Foundation

/// A manager's one-time voucher for a member: compensation or goodwill worth `value` won.
public struct Voucher: Sendable, Hashable {
    public var member: MemberKey
    public var value: Won
    /// Why it is given; also what the customer reads on it.
    public var reason: String
    /// The last store day it can be redeemed on; nil: `voucher_valid_days` from now.
    public var validUntil: StoreDay?
    public var actor: String

    public init(member: MemberKey, value: Won, reason: String, validUntil: StoreDay? = nil, actor: String) {
        self.member = member
        self.value = value
        self.reason = reason
        self.validUntil = validUntil
        self.actor = actor
    }
}

extension Ledger {
    /// The latest a voucher may be valid until, counted from its issue.
    static let maxVoucherDays = 3_650

    /// Issues a voucher coupon (a `coupon_issue` transaction that moves no points or stamps). Enrolls an
    /// unknown phone or card, as a conversion does. `audit` records the approving manager in the same commit.
    public func issueVoucher(_ voucher: Voucher, key: IdempotencyKey, audit: AuditNote? = nil) async throws -> OperationResult {
        let member = try checked(voucher.member)
        guard voucher.value > 0 else {
            throw LedgerError(.invalidAmount, "a voucher is worth a positive number of won, not \(voucher.value)")
        }
        guard voucher.value <= policy.maxPayment else {
            throw LedgerError(.amountTooLarge, "a voucher is worth at most \(policy.maxPayment) won (max_payment), not \(voucher.value)")
        }
        let reason = try checkText(voucher.reason, "the reason")
        let actor = try checkText(voucher.actor, "the manager", maxLength: 100)
        let request = ["voucher", member.fingerprint, String(voucher.value), reason, voucher.validUntil?.description ?? "", actor]
        var end: Date?
        if let validUntil = voucher.validUntil {
            let today = StoreDay(containing: clock.now(), in: timeZone)
            guard validUntil >= today, validUntil <= today.adding(days: Self.maxVoucherDays, in: timeZone) else {
                throw LedgerError(.invalidExpiry, "a voucher's last day must be from today (\(today)) to \(Self.maxVoucherDays) days ahead, not \(validUntil)")
            }
            end = validUntil.adding(days: 1, in: timeZone).start(in: timeZone)
        }
        let lastInstant = end, validDays = policy.voucherValidDays
        return try await performOnce(key: key, request: request, audit: audit) { db, now in
            let expiresAt = lastInstant ?? now.addingTimeInterval(TimeInterval(validDays) * 86_400)
            let (found, enrolled) = try MemberStore.findOrEnroll(db, member, at: now)
            let current = try self.expireDue(db, member: found, at: now)
            let (coupon, transaction) = try CouponStore.issue(
                db, .init(memberID: current.id, kind: .voucher, value: voucher.value, description: reason, expiresAt: expiresAt),
                stamps: 0, actor: actor, reason: reason, at: now)
            return OperationResult(transaction: transaction, member: current, enrolled: enrolled, coupons: [coupon])
        }
    }
}
