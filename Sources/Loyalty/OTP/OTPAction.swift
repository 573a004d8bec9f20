/// What a customer's one-time code, approved by a manager, does. One case per act; each is committed as
/// an ordinary ledger transaction whose actor is the approver and whose reason names the act.
public enum OTPAction: Sendable, Hashable {
    /// Grants stamps without a purchase (a `conversion` of stamps).
    case collectStamps(Stamps)
    /// Takes stamps back, oldest first (a `stamp_use`).
    case cancelStamps(Stamps)
    /// Earns points and stamps for a purchase by the store's rules (an `accrual`).
    case accruePoints(payment: Won)
    /// Redeems one of the member's own coupons (a `coupon_redemption`).
    case redeemCoupon(CouponCode)

    /// How the act is named in the transaction's reason and the audit log.
    public var summary: String {
        switch self {
        case .collectStamps(let stamps): "collect \(stamps) stamp\(stamps == 1 ? "" : "s")"
        case .cancelStamps(let stamps): "cancel \(stamps) stamp\(stamps == 1 ? "" : "s")"
        case .accruePoints(let payment): "accrue points for a payment of \(payment) won"
        case .redeemCoupon(let code): "redeem coupon \(code)"
        }
    }

    /// The type of the transaction the act commits.
    public var transactionType: TransactionType {
        switch self {
        case .collectStamps: .conversion
        case .cancelStamps: .stampUse
        case .accruePoints: .accrual
        case .redeemCoupon: .couponRedemption
        }
    }

    /// A stable text form for idempotency fingerprints.
    var fingerprint: String {
        switch self {
        case .collectStamps(let stamps): "collect_stamps:\(stamps)"
        case .cancelStamps(let stamps): "cancel_stamps:\(stamps)"
        case .accruePoints(let payment): "accrue_points:\(payment)"
        case .redeemCoupon(let code): "redeem_coupon:\(code)"
        }
    }
}

/// A customer's code for an act at the counter: who, the six digits they read from their app, what to do,
/// and who approved it.
public struct OTPAttempt: Sendable, Hashable {
    public var member: MemberKey
    public var code: String
    public var action: OTPAction
    public var approval: OTPApproval

    public init(member: MemberKey, code: String, action: OTPAction, approval: OTPApproval) {
        self.member = member
        self.code = code
        self.action = action
        self.approval = approval
    }
}

/// The manager who approved an OTP act: `actor` goes in the transaction, `manager` (when the manager gave an
/// id and PIN) and `caller` (the account at the socket) in the audit log.
public struct OTPApproval: Sendable, Hashable {
    public var actor: String
    public var manager: ManagerID?
    public var caller: String

    public init(actor: String, manager: ManagerID?, caller: String) {
        self.actor = actor
        self.manager = manager
        self.caller = caller
    }
}
