/// How a caller names a member: by phone, by membership card, or by the ledger's own id.
public enum MemberKey: Hashable, Sendable, Codable, CustomStringConvertible {
    case phone(PhoneNumber)
    case barcode(String)
    case id(Int64)

    public var description: String {
        switch self {
        case .phone(let phone): "phone \(phone.masked)"
        case .barcode(let code): "barcode \(code)"
        case .id(let id): "member #\(id)"
        }
    }

    /// A stable text form for idempotency fingerprints (never shown, never logged).
    var fingerprint: String {
        switch self {
        case .phone(let phone): "phone:\(phone.digits)"
        case .barcode(let code): "barcode:\(code)"
        case .id(let id): "id:\(id)"
        }
    }
}
