/// The code printed on (or shown as a barcode for) a coupon: `CP`, ten random digits and a Luhn check
/// digit, e.g. `CP48213907765`. Membership barcodes are digits only, so the `CP` prefix tells a scanned
/// coupon from a card; the check digit catches a mistyped digit or two swapped neighbours.
public struct CouponCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let prefix = "CP"
    static let randomDigits = 10

    public let rawValue: String

    /// Reads a code as typed or scanned: case, spaces and hyphens do not matter (`cp-4821-3907-765`).
    public init(parsing text: String) throws(LedgerError) {
        let compact = String(text.uppercased().filter { $0 != " " && $0 != "-" })
        guard compact.hasPrefix(Self.prefix) else {
            throw LedgerError(.invalidCouponCode, "'\(text)' is not a coupon code; coupon codes start with \(Self.prefix)")
        }
        let digits = compact.dropFirst(Self.prefix.count)
        guard digits.count == Self.randomDigits + 1, digits.allSatisfy(\.isASCIIDigit) else {
            throw LedgerError(.invalidCouponCode, "a coupon code is \(Self.prefix) and \(Self.randomDigits + 1) digits; '\(text)' is not")
        }
        guard BarcodeFormat.passesLuhn(String(digits)) else {
            throw LedgerError(.invalidCouponCode, "the check digit of coupon code '\(text)' is wrong; scan it again or check the digits typed")
        }
        rawValue = compact
    }

    private init(checkedDigits digits: String) {
        rawValue = Self.prefix + digits
    }

    /// A new random code (uniqueness is the caller's to check).
    static func random() -> CouponCode {
        var generator = SystemRandomNumberGenerator()
        let payload = String((0..<randomDigits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        let check = (0...9).first { BarcodeFormat.passesLuhn(payload + String($0)) } ?? 0
        return CouponCode(checkedDigits: payload + String(check))
    }

    /// Whether a scanned or typed text is meant as a coupon (whether or not it is a valid one).
    public static func looksLikeCoupon(_ text: String) -> Bool {
        text.drop(while: { $0 == " " }).uppercased().hasPrefix(prefix)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
