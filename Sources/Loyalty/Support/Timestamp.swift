import Foundation

/// Instants as the store writes them.
public enum Timestamp {
    /// RFC 3339 with the store's offset, e.g. `2026-03-02T10:00:00.000+09:00`.
    public static func rfc3339(_ date: Date, in timeZone: TimeZone) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(29)
        appendRFC3339(date, in: timeZone, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The same, appended to `text` as UTF-8. The civil date comes from arithmetic on days (proleptic
    /// Gregorian, what Calendar gives for any date a ledger holds), not from a Calendar: an upload writes
    /// one per transaction.
    public static func appendRFC3339(_ date: Date, in timeZone: TimeZone, to text: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        let utcSeconds = floorDivision(milliseconds, 1000)
        let local = utcSeconds + offset
        let days = floorDivision(local, 86_400)
        let second = local - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        append(year, width: 4, "-", to: &text)
        append(month, width: 2, "-", to: &text)
        append(day, width: 2, "T", to: &text)
        append(second / 3600, width: 2, ":", to: &text)
        append(second % 3600 / 60, width: 2, ":", to: &text)
        append(second % 60, width: 2, ".", to: &text)
        append(milliseconds - utcSeconds * 1000, width: 3, offset < 0 ? "-" : "+", to: &text)
        append(abs(offset) / 3600, width: 2, ":", to: &text)
        append(abs(offset) % 3600 / 60, width: 2, nil, to: &text)
    }

    /// Year, month and day of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // counted from 0000-03-01, so that a leap day ends its year
        let era = floorDivision(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// `value` in decimal, zero-padded to `width` digits, then `separator`.
    private static func append(_ value: Int64, width: Int, _ separator: Unicode.Scalar?, to text: inout [UInt8]) {
        if value < 0 {
            text.append(contentsOf: String(value).utf8)  // a year before 1 BC: never in a ledger, but not a crash
        } else {
            var divisor: Int64 = 1
            var digits = 1
            while divisor <= value / 10 || digits < width {
                divisor *= 10
                digits += 1
            }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        if let separator { text.append(UInt8(ascii: separator)) }
    }
}
