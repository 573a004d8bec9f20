import Foundation
import Hummingbird
import Loyalty

/// History as CSV for a manager's spreadsheet, streamed page by page so a month of a busy shop never sits
/// in memory at once. Phone numbers are whole: the export is manager-only.
enum CSVExport {
    static let header = "id,occurredAt,type,memberId,phone,barcode,payment,points,stamps,cancels,cancelledBy,actor,reason,coupon\n"

    static func response(ledger: Ledger, query: HistoryQuery, timeZone: TimeZone) -> Response {
        var query = query
        query.limit = 1_000
        let firstQuery = query
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: header))
            var page = firstQuery
            while true {
                let result = try await ledger.history(page)
                var chunk = ""
                for entry in result.entries { chunk += row(entry, timeZone: timeZone) }
                try await writer.write(ByteBuffer(string: chunk))
                guard let next = result.nextCursor else { break }
                page.cursor = next
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"posagent-history.csv\""],
            body: body)
    }

    static func row(_ entry: HistoryEntry, timeZone: TimeZone) -> String {
        let t = entry.transaction
        let fields: [String] = [
            String(t.id), Timestamp.rfc3339(t.occurredAt, in: timeZone), t.type.rawValue, String(t.memberID),
            entry.phone?.digits ?? "", entry.barcode ?? "", String(t.payment), String(t.points), String(t.stamps),
            t.cancels.map(String.init) ?? "", t.cancelledBy.map(String.init) ?? "", t.actor ?? "", t.reason ?? "",
            t.coupon?.rawValue ?? "",
        ]
        return fields.map(escape).joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula.
    static func escape(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+-@".contains(first), Int64(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
