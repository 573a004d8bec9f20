/// The shop's loyalty rules. Every field has a default that suits a small shop, so an empty
/// configuration works; `validated()` refuses combinations that make no sense.
public struct StorePolicy: Hashable, Sendable, Codable {
    /// Points earned per purchase, in basis points of the payment, rounded down (100 = 1 %).
    public var accrualRateBP: Int64 = 100
    /// The smallest payment that earns a stamp (0 = every purchase).
    public var stampMinPayment: Won = 0
    /// One stamp per this many won paid; 0 = one stamp per qualifying purchase.
    public var stampEveryWon: Won = 0
    /// The fewest points a customer may use at once.
    public var minUsePoints: Points = 1_000
    /// Points are used in multiples of this.
    public var useUnit: Points = 100
    /// The largest share of one payment that may be paid in points, in basis points (10 000 = all of it).
    public var maxUseShareBP: Int64 = 10_000
    /// Days until granted points expire; 0 = never.
    public var pointExpiryDays: Int64 = 365
    /// The largest payment the agent accepts; larger ones are taken for typing mistakes.
    public var maxPayment: Won = 10_000_000
    /// Stamps that fill one stamp card, which then becomes a reward coupon; 0 = no stamp cards.
    public var stampCardSize: Stamps = 0
    /// What a full stamp card's coupon gives, as the customer reads it.
    public var stampCardReward = "스탬프 카드 보상"
    /// A full stamp card's coupon's value in won; 0 for a reward that is not money (a free coffee).
    public var stampCardRewardWon: Won = 0
    /// Days a stamp card's coupon can be redeemed; 0 = it never expires.
    public var stampCouponValidDays: Int64 = 90
    /// Days a manager's voucher can be redeemed when the manager gives no expiry.
    public var voucherValidDays: Int64 = 30

    public init() {}

    public func validated() throws(LedgerError) -> StorePolicy {
        func require(_ condition: Bool, _ message: String) throws(LedgerError) {
            if !condition { throw LedgerError(.invalidPolicy, message) }
        }
        try require((0...10_000).contains(accrualRateBP), "accrual_rate_bp must be 0 to 10000 (100 = 1 %), not \(accrualRateBP)")
        try require(stampMinPayment >= 0, "stamp_min_payment must be 0 or more won, not \(stampMinPayment)")
        try require(stampEveryWon >= 0, "stamp_every_won must be 0 (one stamp per purchase) or more won, not \(stampEveryWon)")
        try require(useUnit >= 1, "use_unit must be 1 or more points, not \(useUnit)")
        try require(minUsePoints >= 0, "min_use_points must be 0 or more, not \(minUsePoints)")
        try require((0...10_000).contains(maxUseShareBP), "max_use_share_bp must be 0 to 10000 (10000 = the whole payment), not \(maxUseShareBP)")
        try require((0...36_500).contains(pointExpiryDays), "point_expiry_days must be 0 (never) to 36500, not \(pointExpiryDays)")
        try require(maxPayment >= 1 && maxPayment <= 1_000_000_000_000, "max_payment must be 1 to 1000000000000 won, not \(maxPayment)")
        try require((0...1_000).contains(stampCardSize), "stamp_card_size must be 0 (no stamp cards) to 1000, not \(stampCardSize)")
        try require((1...100).contains(stampCardReward.count) && !stampCardReward.contains(where: \.isNewline),
                    "stamp_card_reward must be 1 to 100 characters on one line")
        try require((0...maxPayment).contains(stampCardRewardWon),
                    "stamp_card_reward_won must be 0 to max_payment (\(maxPayment)) won, not \(stampCardRewardWon)")
        try require((0...3_650).contains(stampCouponValidDays), "stamp_coupon_valid_days must be 0 (never expires) to 3650, not \(stampCouponValidDays)")
        try require((1...3_650).contains(voucherValidDays), "voucher_valid_days must be 1 to 3650, not \(voucherValidDays)")
        return self
    }

    /// Points a purchase of `payment` earns.
    func points(forPayment payment: Won) throws(LedgerError) -> Points {
        try payment.scaled(by: accrualRateBP, over: 10_000)
    }

    /// Stamps a purchase of `payment` earns.
    func stamps(forPayment payment: Won) -> Stamps {
        guard payment > 0, payment >= stampMinPayment else { return 0 }
        return stampEveryWon == 0 ? 1 : payment / stampEveryWon
    }

    /// The most points that may pay for a purchase of `payment`.
    func maxUsablePoints(forPayment payment: Won) throws(LedgerError) -> Points {
        try payment.scaled(by: maxUseShareBP, over: 10_000)
    }

    /// Refuses a payment that is not positive or is over the maximum, before anything is written.
    func checkPayment(_ payment: Won) throws(LedgerError) {
        guard payment > 0 else {
            throw LedgerError(.invalidAmount, "the payment must be a positive number of won, not \(payment)")
        }
        guard payment <= maxPayment else {
            throw LedgerError(
                .amountTooLarge,
                "a payment of \(payment) won is over this shop's maximum of \(maxPayment) won; check the amount typed"
            )
        }
    }

    /// Checks a point use against every rule, naming the rule that refuses it and what is allowed.
    func checkPointUse(points: Points, payment: Won, balance: Points) throws(LedgerError) {
        try checkPayment(payment)
        guard points > 0 else {
            throw LedgerError(.invalidAmount, "the points to use must be a positive number, not \(points)")
        }
        guard points >= minUsePoints else {
            throw LedgerError(.belowMinimumUse, "at least \(minUsePoints) points must be used at once; \(points) is fewer")
        }
        guard points % useUnit == 0 else {
            let lower = points / useUnit * useUnit
            throw LedgerError(.offUseUnit, "points are used in units of \(useUnit); use \(lower) or \(lower + useUnit), not \(points)")
        }
        let allowed = try maxUsablePoints(forPayment: payment)
        guard points <= allowed else {
            throw LedgerError(
                .exceedsUseShare,
                "at most \(allowed) points may pay for a payment of \(payment) won (\(maxUseShareBP / 100) %); \(points) is more"
            )
        }
        guard points <= balance else {
            throw LedgerError(.insufficientPoints, "the member has \(balance) points; \(points) cannot be used")
        }
    }
}
