import Foundation

/// A span of time in the store's time zone, as cashiers and admins ask for it.
public enum HistoryRange: Sendable, Hashable {
    case today
    case yesterday
    /// The last 7 days, today included.
    case week
    /// From the same day one calendar month ago, today included.
    case month
    case all
    /// From `from` (inclusive) to `to` (exclusive).
    case between(from: Date, to: Date)

    /// The half-open interval this range means at `now` in `timeZone`; `nil` bounds are open.
    public func interval(at now: Date, in timeZone: TimeZone) -> (start: Date?, end: Date?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let startOfToday = calendar.startOfDay(for: now)
        let startOfTomorrow = calendar.date(byAdding: .day, value: 1, to: startOfToday) ?? now
        switch self {
        case .today:
            return (startOfToday, startOfTomorrow)
        case .yesterday:
            return (calendar.date(byAdding: .day, value: -1, to: startOfToday), startOfToday)
        case .week:
            return (calendar.date(byAdding: .day, value: -6, to: startOfToday), startOfTomorrow)
        case .month:
            return (calendar.date(byAdding: .month, value: -1, to: startOfToday), startOfTomorrow)
        case .all:
            return (nil, nil)
        case .between(let from, let to):
            return (from, to)
        }
    }
}

/// A calendar day in the store's time zone, written `yyyy-MM-dd`.
public struct StoreDay: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Exactly `YYYY-MM-DD` (RFC 3339's full-date, years 0001 to 9999), a day the month has.
    public init(parsing text: String) throws(LedgerError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1, (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day)
        else {
            throw LedgerError(.invalidQuery, "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22")
        }
        self.init(year: year, month: month, day: day)
    }

    /// The days of a month in the Gregorian calendar.
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(containing date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The first instant of this day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    public func adding(days: Int, in timeZone: TimeZone) -> StoreDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let next = calendar.date(byAdding: .day, value: days, to: start(in: timeZone)) ?? start(in: timeZone)
        return StoreDay(containing: next, in: timeZone)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: StoreDay, rhs: StoreDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
