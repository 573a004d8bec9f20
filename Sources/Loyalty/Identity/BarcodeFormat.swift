/// What a membership barcode of this shop looks like: digits only, a length range, optionally a fixed
/// prefix and a Luhn check digit. Anything else the scanner reads (a product's EAN, a coupon) is not a member.
public struct BarcodeFormat: Hashable, Sendable, Codable {
    public var minLength: Int
    public var maxLength: Int
    public var prefix: String
    public var luhn: Bool

    /// 8 to 20 digits, no prefix, no check digit.
    public static let standard = BarcodeFormat(minLength: 8, maxLength: 20, prefix: "", luhn: false)

    public init(minLength: Int, maxLength: Int, prefix: String = "", luhn: Bool = false) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.prefix = prefix
        self.luhn = luhn
    }

    /// Refuses a format that can match nothing or has a non-digit prefix.
    public func validated() throws(LedgerError) -> BarcodeFormat {
        guard minLength >= 1, maxLength >= minLength, maxLength <= 64 else {
            throw LedgerError(.invalidPolicy, "barcode length range \(minLength)...\(maxLength) is not usable; use 1 ≤ min ≤ max ≤ 64")
        }
        guard prefix.allSatisfy(\.isASCIIDigit), prefix.count < maxLength else {
            throw LedgerError(.invalidPolicy, "barcode prefix '\(prefix)' must be digits and shorter than the maximum length")
        }
        return self
    }

    func check(_ code: String) throws(LedgerError) {
        guard code.allSatisfy(\.isASCIIDigit) else {
            throw LedgerError(.invalidBarcode, "membership barcodes are digits only; '\(code)' is not one of this shop's cards")
        }
        guard (minLength...maxLength).contains(code.count) else {
            throw LedgerError(.invalidBarcode, "membership barcodes have \(minLength) to \(maxLength) digits; this one has \(code.count)")
        }
        guard code.hasPrefix(prefix) else {
            throw LedgerError(.invalidBarcode, "membership barcodes start with \(prefix); scan the member's card again")
        }
        guard !luhn || Self.passesLuhn(code) else {
            throw LedgerError(.invalidBarcode, "the barcode's check digit is wrong; scan the card again or type the phone number")
        }
    }

    static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let value = character.wholeNumberValue else { return false }
            if index.isMultiple(of: 2) {
                sum += value
            } else {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            }
        }
        return sum.isMultiple(of: 10)
    }
}
