import Foundation
import Loyalty

/// Prints what an operation committed, for a person or (with --json) for a script.
enum OperationPrinter {
    static func print(_ result: OperationResult, json: Bool, timeZone: TimeZone) throws {
        if json {
            try JSONOutput.print(OperationView(result, timeZone: timeZone, unmasked: false))
            return
        }
        Swift.print(summary(result))
    }

    static func summary(_ result: OperationResult) -> String {
        let transaction = result.transaction
        let member = result.member
        var lines: [String] = []
        let what: String = switch transaction.type {
        case .accrual: "Accrual of \(grouped(transaction.points)) points and \(count(transaction.stamps, "stamp")) on \(grouped(transaction.payment)) won"
        case .pointUse: "Used \(grouped(-transaction.points)) points on \(grouped(transaction.payment)) won"
        case .stampUse: "Used \(count(-transaction.stamps, "stamp"))"
        case .conversion: "Granted \(grouped(transaction.points)) points and \(count(transaction.stamps, "stamp")) (\(transaction.reason ?? ""))"
        case .cancellation: "Cancelled transaction \(transaction.cancels ?? 0): \(signed(transaction.points)) points, \(signed(transaction.stamps)) stamps"
        case .expiry: "Expired \(grouped(-transaction.points)) points"
        }
        lines.append("\(what) — transaction \(transaction.id) for \(member.maskedIdentity)\(result.enrolled ? " (new member)" : "")")
        lines.append("Balance: \(grouped(member.points)) points, \(count(member.stamps, "stamp"))")
        if result.replayed { lines.append("(already done earlier with this idempotency key: nothing new was written)") }
        return lines.joined(separator: "\n")
    }

    /// "1 stamp", "3 stamps".
    static func count(_ value: Int64, _ noun: String) -> String { "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")" }

    static func signed(_ value: Int64) -> String { value > 0 ? "+\(grouped(value))" : grouped(value) }
}
