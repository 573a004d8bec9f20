import SyncWire

/// What the server checks in one transaction before storing it, apart from the chain and the ids
/// already stored (`BatchIngest`): a `RejectionCode` and a reason for the first thing wrong, or nil.
enum RowCheck {
    /// The types docs/sync-protocol.md lists; a later agent's new type is rejected alone until the server knows it.
    static let knownTypes: Set<String> = [
        "accrual", "point_use", "stamp_use", "conversion", "cancellation", "expiry", "coupon_issue",
        "coupon_redemption", "coupon_expiry",
    ]

    static func problem(_ row: UploadedTransaction) -> (code: String, reason: String)? {
        guard isUUID(row.id) else { return ("bad_id", "the id is not a UUID") }
        guard row.seq > 0 else { return ("bad_seq", "seq must be a positive integer") }
        guard knownTypes.contains(row.type) else {
            return ("unknown_type", "this server does not know the type \"\(row.type)\"; upgrade it, then `posagent sync retry-dead`")
        }
        guard RFC3339Time.isValid(row.occurredAt) else {
            return ("bad_time", "occurredAt is not an RFC 3339 time with its offset")
        }
        switch (row.member.phone, row.member.barcode) {
        case (let phone?, _):
            // The agent sends its `PhoneNumber`'s digits: the shared rule, already normalized.
            guard KoreanMobileNumber.normalized(phone) == phone else {
                return ("bad_member", "the member's phone is not a normalized Korean mobile number (01X and 7-8 digits, digits only)")
            }
        case (nil, let barcode?):
            guard !barcode.isEmpty, barcode.utf8.count <= 128 else { return ("bad_member", "the member's barcode is empty or too long") }
        case (nil, nil):
            return ("bad_member", "the transaction names no member (phone or barcode)")
        }
        if let cancels = row.cancels, !isUUID(cancels) {
            return ("bad_cancels", "cancels is not the id (UUID) of a transaction")
        }
        if row.type.hasPrefix("coupon_"), row.coupon == nil {
            return ("bad_coupon", "a \(row.type) carries its coupon's terms")
        }
        if let coupon = row.coupon, !RFC3339Time.isValid(coupon.issuedAt) || coupon.expiresAt.map({ !RFC3339Time.isValid($0) }) == true {
            return ("bad_coupon", "the coupon's issuedAt or expiresAt is not an RFC 3339 time")
        }
        guard isHash(row.hash), isHash(row.prevHash) else { return ("bad_hash", "hash and prevHash are 64 lower-case hex digits") }
        return nil
    }

    static func isHash(_ text: String) -> Bool {
        guard text.utf8.count == 64 else { return false }
        for byte in text.utf8 where !isHexDigit(byte, upperCase: false) { return false }
        return true
    }

    /// A UUID in its 8-4-4-4-12 hex form, as PostgreSQL reads a `uuid` (either case).
    static func isUUID(_ text: String) -> Bool {
        guard text.utf8.count == 36 else { return false }
        for (index, byte) in text.utf8.enumerated() {
            switch index {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default: guard isHexDigit(byte, upperCase: true) else { return false }
            }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8, upperCase: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): true
        case UInt8(ascii: "A")...UInt8(ascii: "F"): upperCase
        default: false
        }
    }
}
