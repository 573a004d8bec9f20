import Foundation
import Loyalty

/// Prints what an operation committed, for a person or (with --json) for a script.
enum OperationPrinter {
    static func print(_ result: OperationResult, json: Bool, timeZone: TimeZone) throws {
        let view = OperationView(result, timeZone: timeZone, unmasked: false)
        if json {
            try JSONOutput.print(view)
        } else {
            Swift.print(summary(view))
        }
    }

    static func summary(_ result: OperationResult) -> String {
        summary(OperationView(result, timeZone: .gmt, unmasked: false))
    }

    static func summary(_ view: OperationView) -> String {
        let transaction = view.transaction
        let member = view.member
        let what: String = switch TransactionType(rawValue: transaction.type) {
        case .accrual: "Accrual of \(grouped(transaction.points)) points and \(count(transaction.stamps, "stamp")) on \(grouped(transaction.payment)) won"
        case .pointUse: "Used \(grouped(-transaction.points)) points on \(grouped(transaction.payment)) won"
        case .stampUse: "Used \(count(-transaction.stamps, "stamp"))"
        case .conversion: "Granted \(grouped(transaction.points)) points and \(count(transaction.stamps, "stamp")) (\(transaction.reason ?? ""))"
        case .cancellation: "Cancelled transaction \(transaction.cancels ?? 0): \(signed(transaction.points)) points, \(signed(transaction.stamps)) stamps"
        case .expiry: "Expired \(grouped(-transaction.points)) points"
        case .couponIssue: "Issued coupon \(transaction.coupon ?? "")"
        case .couponRedemption: "Redeemed coupon \(transaction.coupon ?? "")"
        case .couponExpiry: "Coupon \(transaction.coupon ?? "") expired"
        case nil: "Transaction of type \(transaction.type)"
        }
        let who = member.phone ?? member.barcode.map { "card …\($0.suffix(4))" } ?? "member #\(member.id)"
        var lines = ["\(what) — transaction \(transaction.id) for \(who)\(view.enrolled ? " (new member)" : "")"]
        lines += view.coupons.map(couponLine)
        lines.append("Balance: \(grouped(member.points)) points, \(count(member.stamps, "stamp"))")
        if view.replayed { lines.append("(already done earlier with this idempotency key: nothing new was written)") }
        return lines.joined(separator: "\n")
    }

    /// "Coupon CP48213907765 issued: free coffee, 3,000 won, expires 2026-06-01 00:00".
    static func couponLine(_ coupon: CouponView) -> String {
        let value = coupon.value > 0 ? ", \(grouped(coupon.value)) won" : ""
        let expiry = coupon.state == "issued" ? coupon.expiresAt.map { ", expires \(CouponPrinter.minute($0))" } ?? "" : ""
        return "Coupon \(coupon.code) \(coupon.state): \(coupon.description)\(value)\(expiry)"
    }

    /// "1 stamp", "3 stamps".
    static func count(_ value: Int64, _ noun: String) -> String { "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")" }

    static func signed(_ value: Int64) -> String { value > 0 ? "+\(grouped(value))" : grouped(value) }
}
