import ArgumentParser
import Foundation

/// `posagent voucher issue`: a manager's one-time voucher for a member.
struct VoucherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voucher", abstract: "A manager's one-time voucher: compensation or goodwill worth an amount of won.",
        subcommands: [Issue.self])

    struct Issue: CounterOperationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a voucher coupon to a member (managers, or --manager ID with a PIN).")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var member: MemberOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Option(help: "What it is worth, in won.") var value: Int64
        @Option(help: "Why, for the record; also what the customer reads on it.") var reason: String
        @Option(name: .customLong("valid-until"), help: "The last day it can be redeemed, YYYY-MM-DD (default: [policy] voucher_valid_days).")
        var validUntil: String?
        @OptionGroup var approval: ManagerApprovalOptions
        var path: String { "/v1/vouchers" }

        func approvalHeaders() throws -> [String: String] { try approval.headers() }

        func body() throws -> [String: Any] {
            try member.validateOne()
            guard let reference = member.reference() else {
                throw ValidationError("a voucher names the member: --phone, --barcode or --member-id")
            }
            var body: [String: Any] = ["member": reference, "value": value, "reason": reason]
            body["validUntil"] = validUntil
            return body
        }
    }
}

/// `posagent coupon list|show|redeem|cancel-redemption`.
struct CouponCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coupon", abstract: "Coupons: stamp-card rewards and vouchers, their codes and states.",
        subcommands: [List.self, Show.self, Redeem.self, CancelRedemption.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List coupons, newest first.")
        @OptionGroup var daemon: DaemonOptions
        @Option(help: "Only this member's: a phone number or a member id.") var member: String?
        @Option(help: "Only coupons in this state: issued, redeemed, expired, void.") var state: [String] = []
        @Option(help: "Coupons per page.") var limit = 100
        @Option(help: "Continue after this cursor (printed under the previous page).") var cursor: String?

        func run() async throws {
            let connection = try daemon.connection()
            var items = [URLQueryItem(name: "limit", value: String(limit))]
            if let member { items.append(URLQueryItem(name: "member", value: member)) }
            items += state.map { URLQueryItem(name: "state", value: $0) }
            if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
            struct Page: Codable { var coupons: [CouponView]; var nextCursor: String? }
            let page = try connection.decode(Page.self, try connection.call("GET", apiPath("/v1/coupons", items)))
            if daemon.json { try JSONOutput.print(page); return }
            guard !page.coupons.isEmpty else { print("No coupons here."); return }
            print(CouponPrinter.table(page.coupons))
            if let next = page.nextCursor { print("More: --cursor \(next)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one coupon by its code.")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The coupon's code, e.g. CP48213907765.") var code: String

        func run() async throws {
            let connection = try daemon.connection()
            struct Found: Codable { var coupon: CouponView }
            let found = try connection.decode(Found.self, try connection.call("GET", apiPath("/v1/coupons/\(code)", [])))
            if daemon.json { try JSONOutput.print(found); return }
            print(CouponPrinter.table([found.coupon]))
        }
    }

    struct Redeem: CounterOperationCommand {
        static let configuration = CommandConfiguration(
            abstract: "Redeem a coupon (without a code: the customer shows it to the counter's scanner).")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Argument(help: "The coupon's code.") var code: String?
        var path: String { "/v1/coupon-redemptions" }

        func body() throws -> [String: Any] {
            var body: [String: Any] = [:]
            body["code"] = code
            return body
        }
    }

    struct CancelRedemption: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel-redemption",
            abstract: "Give a redeemed coupon back, once (managers, or --manager ID with a PIN).")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Argument(help: "The coupon's code, or the redemption's transaction id.") var redemption: String
        @Option(help: "Why, for the record.") var reason: String
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            let id: Int64
            if let given = Int64(redemption) {
                id = given
            } else {
                struct Found: Codable { var coupon: CouponView }
                let coupon = try connection.decode(Found.self, try connection.call("GET", apiPath("/v1/coupons/\(redemption)", []))).coupon
                guard let holder = coupon.redeemedBy else {
                    printError("error: coupon \(coupon.code) is \(coupon.state), not redeemed; there is no redemption to cancel [not_redeemed]")
                    throw ExitStatus.dataError
                }
                id = holder
            }
            let data = try connection.call("POST", "/v1/coupon-redemptions/\(id)/cancel", body: ["reason": reason],
                                           idempotencyKey: try idempotency.key().rawValue, headers: try approval.headers())
            let view = try connection.decode(OperationView.self, data)
            if daemon.json { try JSONOutput.print(view) } else { print(OperationPrinter.summary(view)) }
        }
    }
}
