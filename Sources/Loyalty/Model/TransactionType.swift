/// What a ledger transaction did. The raw values are the stable names used in SQLite, the API and sync.
public enum TransactionType: String, Sendable, Hashable, Codable, CaseIterable {
    case accrual
    case pointUse = "point_use"
    case stampUse = "stamp_use"
    case conversion
    case cancellation
    /// Points or stamps whose lots reached their expiry; written by the ledger, never by a caller.
    case expiry

    /// Grants create lots; uses take from them.
    var isGrant: Bool { self == .accrual || self == .conversion }
    var isUse: Bool { self == .pointUse || self == .stampUse }
}
