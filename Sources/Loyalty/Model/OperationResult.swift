/// What an operation committed: its transaction and the member's balances after it.
public struct OperationResult: Sendable, Hashable, Codable {
    public var transaction: LedgerTransaction
    public var member: Member
    /// True when this is the stored result of an earlier call with the same idempotency key.
    public var replayed: Bool
    /// Whether this operation enrolled the member.
    public var enrolled: Bool
    /// The coupons this operation issued, redeemed, gave back or voided, as they stand now.
    public var coupons: [Coupon]

    public init(transaction: LedgerTransaction, member: Member, replayed: Bool = false, enrolled: Bool = false,
                coupons: [Coupon] = []) {
        self.transaction = transaction
        self.member = member
        self.replayed = replayed
        self.enrolled = enrolled
        self.coupons = coupons
    }
}
