import Foundation

/// The days a report covers: `from` and `until` inclusive, either open; days as `YYYY-MM-DD`.
struct ReportPeriod: Sendable, Hashable {
    var from: String?
    var until: String?

    init(from: String?, until: String?) throws {
        self.from = try from.map { try Self.day($0, option: "--from") }
        self.until = try until.map { try Self.day($0, option: "--until") }
        if let start = self.from, let end = self.until, start > end {
            throw CentralError(.invalidDate, "--from \(start) is after --until \(end); give the first day, then the last")
        }
    }

    /// A calendar day that exists (2026-02-30 does not), in the form PostgreSQL and the report write.
    static func day(_ text: String, option: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day)
        else {
            throw CentralError(.invalidDate, "\(option) \(text) is not a day; write it as YYYY-MM-DD, e.g. 2026-03-02")
        }
        return text
    }
}
