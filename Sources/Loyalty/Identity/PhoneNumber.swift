import SyncWire

/// A Korean mobile number, stored in its normalized form `010XXXXXXXX` (the rule is SyncWire's
/// `KoreanMobileNumber`, which the central server checks numbers with too).
///
/// Accepts the ways customers and cashiers write it: `010-1234-5678`, `01012345678`, `010 1234 5678`,
/// `+82 10 1234 5678`, `+82-10-1234-5678`, and the older 10-digit `011/016/017/018/019-XXX-XXXX` forms.
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Digits only, with the leading 0 (e.g. `01012345678`).
    public let digits: String

    public init(parsing text: String) throws(LedgerError) {
        guard let digits = KoreanMobileNumber.normalized(text) else {
            throw LedgerError(
                .invalidPhone,
                "'\(KoreanMobileNumber.redacted(text))' is not a Korean mobile number; "
                    + "give 11 digits starting 010 (e.g. 010-1234-5678) or 10 digits starting 011, 016, 017, 018 or 019"
            )
        }
        self.digits = digits
    }

    /// The form for screens, logs and receipts: the middle group hidden, e.g. `010-****-5678`.
    public var masked: String { KoreanMobileNumber.masked(digits) }

    /// The full number grouped for a manager's eyes, e.g. `010-1234-5678`.
    public var formatted: String {
        let start = digits.index(digits.startIndex, offsetBy: 3)
        let end = digits.index(digits.endIndex, offsetBy: -4)
        return "\(digits.prefix(3))-\(digits[start..<end])-\(digits.suffix(4))"
    }

    /// The last four digits, which cashiers search by.
    public var lastFour: String { String(digits.suffix(4)) }

    public var description: String { masked }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
