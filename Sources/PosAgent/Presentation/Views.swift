import Foundation
import Loyalty

/// The JSON shape of a transaction, shared by the CLI's `--json` and the socket API.
struct TransactionView: Codable, Hashable, Sendable {
    var id: Int64
    var type: String
    var memberID: Int64
    var payment: Won
    var points: Points
    var stamps: Stamps
    var occurredAt: String
    var cancels: Int64?
    var cancelledBy: Int64?
    var actor: String?
    var reason: String?
    /// The code of the coupon a coupon transaction, or its cancellation, is about.
    var coupon: String?
    var syncID: String

    init(_ transaction: LedgerTransaction, timeZone: TimeZone) {
        id = transaction.id
        type = transaction.type.rawValue
        memberID = transaction.memberID
        payment = transaction.payment
        points = transaction.points
        stamps = transaction.stamps
        occurredAt = Timestamp.rfc3339(transaction.occurredAt, in: timeZone)
        cancels = transaction.cancels
        cancelledBy = transaction.cancelledBy
        actor = transaction.actor
        reason = transaction.reason
        coupon = transaction.coupon?.rawValue
        syncID = transaction.syncID.uuidString.lowercased()
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, memberID, payment, points, stamps, occurredAt, cancels, cancelledBy, actor, reason, coupon, syncID
    }

    /// Absent links are written as null, so every transaction has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(memberID, forKey: .memberID)
        try container.encode(payment, forKey: .payment)
        try container.encode(points, forKey: .points)
        try container.encode(stamps, forKey: .stamps)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(cancels, forKey: .cancels)
        try container.encode(cancelledBy, forKey: .cancelledBy)
        try container.encode(actor, forKey: .actor)
        try container.encode(reason, forKey: .reason)
        try container.encode(coupon, forKey: .coupon)
        try container.encode(syncID, forKey: .syncID)
    }
}

/// The JSON shape of a member; the phone is masked unless the caller may see it whole.
struct MemberView: Codable, Hashable, Sendable {
    var id: Int64
    var phone: String?
    var barcode: String?
    var points: Points
    var stamps: Stamps

    init(_ member: Member, unmasked: Bool) {
        id = member.id
        phone = member.phone.map { unmasked ? $0.digits : $0.masked }
        barcode = member.barcode
        points = member.points
        stamps = member.stamps
    }
}

struct OperationView: Codable, Hashable, Sendable {
    var transaction: TransactionView
    var member: MemberView
    var replayed: Bool
    var enrolled: Bool
    /// The coupons the operation issued, redeemed, gave back or voided, as they stand now.
    var coupons: [CouponView]

    init(_ result: OperationResult, timeZone: TimeZone, unmasked: Bool) {
        transaction = TransactionView(result.transaction, timeZone: timeZone)
        member = MemberView(result.member, unmasked: unmasked)
        replayed = result.replayed
        enrolled = result.enrolled
        coupons = result.coupons.map { CouponView($0, timeZone: timeZone) }
    }
}

struct HistoryEntryView: Codable, Hashable, Sendable {
    var transaction: TransactionView
    var phone: String?
    var barcode: String?

    init(_ entry: HistoryEntry, timeZone: TimeZone, unmasked: Bool) {
        transaction = TransactionView(entry.transaction, timeZone: timeZone)
        phone = entry.phone.map { unmasked ? $0.digits : $0.masked }
        barcode = entry.barcode
    }
}

enum Timestamp {
    /// RFC 3339 with the store's offset, e.g. `2026-03-02T10:00:00.000+09:00`.
    static func rfc3339(_ date: Date, in timeZone: TimeZone) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(29)
        appendRFC3339(date, in: timeZone, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The same, appended to `text` as UTF-8. The civil date comes from arithmetic on days (proleptic
    /// Gregorian, what Calendar gives for any date a ledger holds), not from a Calendar: an upload writes
    /// one per transaction.
    static func appendRFC3339(_ date: Date, in timeZone: TimeZone, to text: inout [UInt8]) {
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
