/// Everything the ledger refuses or fails at, with a message that says what was wrong and what to do.
///
/// `Code` is an open set of stable identifiers (the socket API exposes them), so new refusals never break
/// callers that switch over the ones they know.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidPhone = Code(rawValue: "invalid_phone")
        public static let invalidBarcode = Code(rawValue: "invalid_barcode")
        public static let invalidAmount = Code(rawValue: "invalid_amount")
        public static let amountTooLarge = Code(rawValue: "amount_too_large")
        public static let belowMinimumUse = Code(rawValue: "below_minimum_use")
        public static let offUseUnit = Code(rawValue: "off_use_unit")
        public static let exceedsUseShare = Code(rawValue: "exceeds_use_share")
        public static let insufficientPoints = Code(rawValue: "insufficient_points")
        public static let insufficientStamps = Code(rawValue: "insufficient_stamps")
        public static let memberNotFound = Code(rawValue: "member_not_found")
        public static let transactionNotFound = Code(rawValue: "transaction_not_found")
        public static let alreadyCancelled = Code(rawValue: "already_cancelled")
        public static let notCancellable = Code(rawValue: "not_cancellable")
        public static let pointsAlreadySpent = Code(rawValue: "points_already_spent")
        public static let idempotencyConflict = Code(rawValue: "idempotency_conflict")
        public static let invalidIdempotencyKey = Code(rawValue: "invalid_idempotency_key")
        public static let invalidReason = Code(rawValue: "invalid_reason")
        public static let invalidPolicy = Code(rawValue: "invalid_policy")
        public static let invalidQuery = Code(rawValue: "invalid_query")
        public static let invalidCouponCode = Code(rawValue: "invalid_coupon_code")
        public static let couponNotFound = Code(rawValue: "coupon_not_found")
        public static let couponAlreadyRedeemed = Code(rawValue: "coupon_already_redeemed")
        public static let couponExpired = Code(rawValue: "coupon_expired")
        public static let couponVoid = Code(rawValue: "coupon_void")
        public static let couponOfAnotherMember = Code(rawValue: "coupon_of_another_member")
        public static let invalidExpiry = Code(rawValue: "invalid_expiry")
        public static let storage = Code(rawValue: "storage")
    }

    public let code: Code
    public let message: String
    /// The transaction the refusal is about, where there is one (e.g. the use to cancel first).
    public let transactionID: Int64?

    public init(_ code: Code, _ message: String, transactionID: Int64? = nil) {
        self.code = code
        self.message = message
        self.transactionID = transactionID
    }

    public var description: String { "\(code): \(message)" }
}
