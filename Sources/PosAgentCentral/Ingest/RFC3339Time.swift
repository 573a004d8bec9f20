/// An RFC 3339 date and time as an agent writes it, `2026-03-02T10:00:00.000+09:00`, checked without
/// building a date: a day of the calendar, a time of day, optional fractions of a second and the shop's
/// offset (or `Z`). The insert hands the text to PostgreSQL as a `timestamptz`, and its first ten characters
/// as the business day's `date`, so what passes here is what PostgreSQL reads: nothing it would refuse,
/// which would fail the whole batch instead of one row.
enum RFC3339Time {
    static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid($0) }
    }

    static func isValid(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 20,
              let year = number(text, at: 0, digits: 4), text[4] == UInt8(ascii: "-"),
              let month = number(text, at: 5, digits: 2), text[7] == UInt8(ascii: "-"),
              let day = number(text, at: 8, digits: 2), text[10] == UInt8(ascii: "T"),
              let hour = number(text, at: 11, digits: 2), text[13] == UInt8(ascii: ":"),
              let minute = number(text, at: 14, digits: 2), text[16] == UInt8(ascii: ":"),
              let second = number(text, at: 17, digits: 2)
        else { return false }
        guard year >= 1, (1...12).contains(month), (1...days(inMonth: month, of: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return false }
        var next = 19
        if text[next] == UInt8(ascii: ".") {
            let first = next + 1
            next = first
            while next < text.count, isDigit(text[next]) { next += 1 }
            guard (1...9).contains(next - first) else { return false }
        }
        guard next < text.count else { return false }
        if text[next] == UInt8(ascii: "Z") { return next + 1 == text.count }
        guard text[next] == UInt8(ascii: "+") || text[next] == UInt8(ascii: "-"), text.count == next + 6,
              let hours = number(text, at: next + 1, digits: 2), text[next + 3] == UInt8(ascii: ":"),
              let minutes = number(text, at: next + 4, digits: 2)
        else { return false }
        return hours <= 15 && minutes < 60
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func number(_ text: UnsafeBufferPointer<UInt8>, at start: Int, digits: Int) -> Int? {
        var value = 0
        for index in start..<(start + digits) {
            guard isDigit(text[index]) else { return nil }
            value = value * 10 + Int(text[index] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
