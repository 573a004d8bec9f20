import Foundation
import Loyalty

enum HistoryPrinter {
    static func render(_ entries: [HistoryEntry], timeZone: TimeZone) -> String {
        render(entries.map { HistoryEntryView($0, timeZone: timeZone, unmasked: false) })
    }

    /// A table of transactions, times in the store's time zone as the views carry them.
    static func render(_ entries: [HistoryEntryView]) -> String {
        guard !entries.isEmpty else { return "No transactions in this range." }
        var table = TextTable([("ID", .right), ("Time", .left), ("Type", .left), ("Member", .left),
                               ("Payment", .right), ("Points", .right), ("Stamps", .right), ("Note", .left)])
        for entry in entries {
            let transaction = entry.transaction
            var note = transaction.cancels.map { "cancels \($0)" } ?? ""
            if let by = transaction.cancelledBy { note = "cancelled by \(by)" }
            // "2026-03-02T10:00:00.000+09:00" -> "2026-03-02 10:00:00"
            let time = String(transaction.occurredAt.prefix(19)).replacingOccurrences(of: "T", with: " ")
            table.add([String(transaction.id), time, transaction.type,
                       entry.phone ?? entry.barcode ?? "#\(transaction.memberID)", grouped(transaction.payment),
                       OperationPrinter.signed(transaction.points), OperationPrinter.signed(transaction.stamps), note])
        }
        return table.render()
    }
}
