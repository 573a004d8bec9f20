import Foundation
import Loyalty

enum HistoryPrinter {
    /// A table of transactions with masked phone numbers, in the store's time zone.
    static func render(_ entries: [HistoryEntry], timeZone: TimeZone) -> String {
        guard !entries.isEmpty else { return "No transactions in this range." }
        var table = TextTable([("ID", .right), ("Time", .left), ("Type", .left), ("Member", .left),
                               ("Payment", .right), ("Points", .right), ("Stamps", .right), ("Note", .left)])
        for entry in entries {
            let transaction = entry.transaction
            var note = transaction.cancels.map { "cancels \($0)" } ?? ""
            if let by = transaction.cancelledBy { note = "cancelled by \(by)" }
            table.add([String(transaction.id), Timestamp.local(transaction.occurredAt, in: timeZone), transaction.type.rawValue,
                       entry.phone?.masked ?? entry.barcode ?? "#\(transaction.memberID)", grouped(transaction.payment),
                       OperationPrinter.signed(transaction.points), OperationPrinter.signed(transaction.stamps), note])
        }
        return table.render()
    }
}
