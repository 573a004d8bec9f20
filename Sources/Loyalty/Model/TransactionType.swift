/// What a ledger transaction did. The raw values are the stable names used in SQLite, the API and sync.
public enum TransactionType: String, Sendable, Hashable, Codable, CaseIterable {
    case accrual
    case pointUse = "point_use"
    case stampUse = "stamp_use"
    case conversion
    case cancellation
    /// Points or stamps whose lots reached their expiry; written by the ledger, never by a caller.
    case expiry
    /// A coupon issued: by a full stamp card (taking its stamps) or as a manager's voucher.
    case couponIssue = "coupon_issue"
    /// A coupon used at the counter.
    case couponRedemption = "coupon_redemption"
    /// A coupon that reached its expiry unused; written by the ledger, never by a caller.
    case couponExpiry = "coupon_expiry"

    /// Grants create lots; uses take from them.
    var isGrant: Bool { self == .accrual || self == .conversion }
    var isUse: Bool { self == .pointUse || self == .stampUse }
}
