import ArgumentParser
import Foundation

/// A command that asks the daemon to commit one operation and prints what it committed.
protocol CounterOperationCommand: AsyncParsableCommand {
    var daemon: DaemonOptions { get }
    var idempotency: IdempotencyOptions { get }
    var path: String { get }
    func body() throws -> [String: Any]
    /// A manager's id and PIN, for the operations that need a manager.
    func approvalHeaders() throws -> [String: String]
}

extension CounterOperationCommand {
    func approvalHeaders() throws -> [String: String] { [:] }

    func run() async throws {
        let connection = try daemon.connection()
        let key = try idempotency.key().rawValue
        let body = try body()
        let data = try connection.call("POST", path, body: body, idempotencyKey: key, headers: try approvalHeaders())
        let view = try connection.decode(OperationView.self, data)
        if daemon.json { try JSONOutput.print(view) } else { print(OperationPrinter.summary(view)) }
    }
}

struct AccrueCommand: CounterOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "accrue", abstract: "Earn points and stamps for a purchase (without a member: the customer uses the tablet).")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The payment in won.") var amount: Int64
    var path: String { "/v1/accruals" }

    func body() throws -> [String: Any] {
        try member.validateOne()
        var body: [String: Any] = ["payment": amount]
        body["member"] = member.reference()
        return body
    }
}

struct UsePointsCommand: CounterOperationCommand {
    static let configuration = CommandConfiguration(commandName: "use-points", abstract: "Pay part of a purchase with points.")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The payment in won.") var amount: Int64
    @Option(help: "The points to use (without it: the customer types them on the tablet).") var points: Int64?
    var path: String { "/v1/point-uses" }

    func body() throws -> [String: Any] {
        try member.validateOne()
        var body: [String: Any] = ["payment": amount]
        body["member"] = member.reference()
        body["points"] = points
        return body
    }
}

struct UseStampsCommand: CounterOperationCommand {
    static let configuration = CommandConfiguration(commandName: "use-stamps", abstract: "Spend a member's stamps.")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The stamps to use.") var stamps: Int64
    var path: String { "/v1/stamp-uses" }

    func body() throws -> [String: Any] {
        try member.validateOne()
        var body: [String: Any] = ["stamps": stamps]
        body["member"] = member.reference()
        return body
    }
}

struct ConvertCommand: CounterOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Grant points or stamps regardless of any purchase (managers, or --manager ID with a PIN).")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "Points to grant.") var points: Int64 = 0
    @Option(help: "Stamps to grant.") var stamps: Int64 = 0
    @Option(help: "Why, for the record.") var reason: String
    @OptionGroup var approval: ManagerApprovalOptions
    var path: String { "/v1/conversions" }

    func approvalHeaders() throws -> [String: String] { try approval.headers() }

    func body() throws -> [String: Any] {
        try member.validateOne()
        guard let reference = member.reference() else {
            throw ValidationError("a conversion names the member: --phone, --barcode or --member-id")
        }
        return ["member": reference, "points": points, "stamps": stamps, "reason": reason]
    }
}

struct CancelCommand: CounterOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Reverse an accrual, a use, a conversion, a voucher or a coupon redemption, exactly once (managers, or --manager ID with a PIN).")
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Argument(help: "The transaction to cancel (see `posagent history`).") var transaction: Int64
    @Option(help: "Why, for the record.") var reason: String
    @OptionGroup var approval: ManagerApprovalOptions
    var path: String { "/v1/transactions/\(transaction)/cancel" }

    func approvalHeaders() throws -> [String: String] { try approval.headers() }

    func body() throws -> [String: Any] { ["reason": reason] }
}
