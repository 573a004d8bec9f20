/// A Korean mobile number, stored in its normalized form `010XXXXXXXX`.
///
/// Accepts the ways customers and cashiers write it: `010-1234-5678`, `01012345678`, `010 1234 5678`,
/// `+82 10 1234 5678`, `+82-10-1234-5678`, and the older 10-digit `011/016/017/018/019-XXX-XXXX` forms.
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Digits only, with the leading 0 (e.g. `01012345678`).
    public let digits: String

    public init(parsing text: String) throws(LedgerError) {
        guard let digits = Self.normalized(text) else {
            throw LedgerError(
                .invalidPhone,
                "'\(Self.redacted(text))' is not a Korean mobile number; "
                    + "give 11 digits starting 010 (e.g. 010-1234-5678) or 10 digits starting 011, 016, 017, 018 or 019"
            )
        }
        self.digits = digits
    }

    /// The form for screens, logs and receipts: the middle group hidden, e.g. `010-****-5678`.
    public var masked: String {
        let middle = String(repeating: "*", count: digits.count - 7)
        return "\(digits.prefix(3))-\(middle)-\(digits.suffix(4))"
    }

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

    /// The number as `01XXXXXXXXX`, or nil when `text` is not a Korean mobile number. Works on bytes:
    /// history pages decode a number per row.
    private static func normalized(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        var plus = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard bytes.count < 14 else { return nil }
                bytes.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "+") where bytes.isEmpty && !plus:
                plus = true
            default:
                return nil
            }
        }
        // International forms: +82 10…, 0082 10…, +82 010… all mean 010….
        if plus || bytes.starts(with: Array("0082".utf8)) {
            let prefix = plus ? 2 : 4
            guard bytes.count > prefix, bytes[prefix - 2] == UInt8(ascii: "8"), bytes[prefix - 1] == UInt8(ascii: "2") else {
                return nil
            }
            bytes.removeFirst(prefix)
            if bytes.first != UInt8(ascii: "0") { bytes.insert(UInt8(ascii: "0"), at: 0) }
        }
        guard isMobile(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isMobile(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 10 || bytes.count == 11, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "1")
        else { return false }
        switch bytes[2] {
        case UInt8(ascii: "0"): return bytes.count == 11
        case UInt8(ascii: "1"), UInt8(ascii: "6"), UInt8(ascii: "7"), UInt8(ascii: "8"), UInt8(ascii: "9"): return true
        default: return false
        }
    }

    /// Error messages must not echo a whole phone number; keep at most the last four characters.
    private static func redacted(_ text: String) -> String {
        guard text.count > 4 else { return text }
        return String(repeating: "*", count: min(text.count - 4, 12)) + text.suffix(4)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
