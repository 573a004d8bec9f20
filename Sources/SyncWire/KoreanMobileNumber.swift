/// The rule for a Korean mobile number, shared by the agent's `PhoneNumber` and the central server: the
/// forms people write (`010-1234-5678`, `01012345678`, `+82 10 1234 5678`, the older 10-digit
/// `011/016/017/018/019` numbers) and the normalized digits `01XXXXXXXXX` both sides store and send.
public enum KoreanMobileNumber {
    /// The number as `01XXXXXXXXX`, or nil when `text` is not a Korean mobile number. Works on bytes:
    /// history pages decode a number per row.
    public static func normalized(_ text: String) -> String? {
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

    /// Normalized digits for screens and logs with the middle group hidden, e.g. `010-****-5678`.
    public static func masked(_ digits: String) -> String {
        let middle = String(repeating: "*", count: max(digits.count - 7, 0))
        return "\(digits.prefix(3))-\(middle)-\(digits.suffix(4))"
    }

    /// Text that may be a whole phone number, for an error message: at most its last four characters.
    public static func redacted(_ text: String) -> String {
        guard text.count > 4 else { return text }
        return String(repeating: "*", count: min(text.count - 4, 12)) + text.suffix(4)
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
}
