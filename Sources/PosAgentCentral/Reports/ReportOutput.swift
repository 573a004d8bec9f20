import Foundation

/// How `report` prints the shops' days: a table for people, or CSV or JSON for programs.
enum ReportOutput: String, CaseIterable, Sendable {
    case table, csv, json

    func render(_ days: [ShopDay], period: ReportPeriod) throws -> String {
        switch self {
        case .table: Self.table(days)
        case .csv: Self.csv(days)
        case .json: try Self.json(days, period: period)
        }
    }

    /// Columns padded to their widest cell, figures right-aligned; a line saying so when there is nothing.
    static func table(_ days: [ShopDay]) -> String {
        guard !days.isEmpty else { return "no transactions stored in this period\n" }
        let header = ["store", "day"] + ShopDay.titles
        let rows = days.map { [$0.store, $0.day] + $0.figures.map(String.init) }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return ([header] + rows).map(line).joined()
    }

    /// RFC 4180: a header line, then one line per shop and day.
    static func csv(_ days: [ShopDay]) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let header = (["store", "day"] + ShopDay.csvNames).joined(separator: ",")
        let lines = days.map { ([field($0.store), $0.day] + $0.figures.map(String.init)).joined(separator: ",") }
        return ([header] + lines).map { $0 + "\r\n" }.joined()
    }

    /// `{"from": …, "until": …, "days": [ShopDay…]}`, the open ends `null`.
    static func json(_ days: [ShopDay], period: ReportPeriod) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Report(from: period.from, until: period.until, days: days)), as: UTF8.self) + "\n"
    }

    /// The JSON document.
    struct Report: Codable, Sendable, Hashable {
        var from: String?
        var until: String?
        var days: [ShopDay]

        enum CodingKeys: String, CodingKey { case from, until, days }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(until, forKey: .until)
            try container.encode(days, forKey: .days)
        }
    }
}
