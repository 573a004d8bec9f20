import ArgumentParser
import Foundation
import Loyalty

/// `posagent otp init-key|collect-stamps|cancel-stamps|accrue|redeem-coupon`: the at-rest key, and the acts
/// a customer's one-time code performs with a manager's approval (docs/otp.md).
struct OTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: "One-time codes from the customer's authenticator app, when their card or phone cannot be used.",
        discussion: """
            A manager approves each act: a manager account, or --manager ID with their PIN. Without --code the
            customer types the code on the tablet; without --phone, --barcode or --member-id they give their
            phone there first. Members get their secret with posagent member otp-enroll.
            """,
        subcommands: [InitKey.self, CollectStamps.self, CancelStamps.self, Accrue.self, RedeemCoupon.self])

    struct InitKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init-key",
            abstract: "Create the key file that keeps members' OTP secrets encrypted ([otp] key_file); never replaces one.")
        @Option(help: "Configuration file (default: /etc/posagent/posagent.toml; none there means defaults).") var config: String?
        @Option(name: .customLong("key-file"), help: "Where to create it; overrides [otp] key_file.") var keyFile: String?
        @Option(help: "Give the file to this account, e.g. posagent, the daemon's (needs root).") var owner: String?
        @Flag(name: .customLong("if-missing"), help: "Succeed without a change when the file exists (for install scripts).")
        var ifMissing = false

        func run() async throws {
            var settings = try AgentConfiguration.load(path: config).otp
            if let keyFile { settings.keyFile = keyFile }
            let path = settings.keyPath(environment: [:])
            if ifMissing, FileManager.default.fileExists(atPath: path) {
                print("The OTP key \(path) exists; left as it is.")
                return
            }
            do {
                try OTPKeyFile.create(path, owner: owner)
            } catch let error as OTPError {
                printError("error: \(error.message) [\(error.code)]")
                throw ExitStatus.cantCreate
            }
            print("Created the OTP key \(path) (mode 0600). Keep a copy apart from the ledger's backups: without it no member's secret can be read.")
        }
    }

    struct CollectStamps: OTPActionCommand {
        static let configuration = CommandConfiguration(commandName: "collect-stamps", abstract: "Grant stamps on the customer's one-time code.")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var member: MemberOptions
        @OptionGroup var otp: OTPCodeOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Argument(help: "The stamps to grant.") var stamps: Int64
        @OptionGroup var approval: ManagerApprovalOptions
        var action: [String: Any] { ["collectStamps": stamps] }
    }

    struct CancelStamps: OTPActionCommand {
        static let configuration = CommandConfiguration(commandName: "cancel-stamps", abstract: "Take stamps back on the customer's one-time code.")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var member: MemberOptions
        @OptionGroup var otp: OTPCodeOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Argument(help: "The stamps to take back.") var stamps: Int64
        @OptionGroup var approval: ManagerApprovalOptions
        var action: [String: Any] { ["cancelStamps": stamps] }
    }

    struct Accrue: OTPActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "accrue", abstract: "Earn points and stamps for a purchase on the customer's one-time code.")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var member: MemberOptions
        @OptionGroup var otp: OTPCodeOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Option(help: "The payment in won.") var amount: Int64
        @OptionGroup var approval: ManagerApprovalOptions
        var action: [String: Any] { ["accruePoints": ["payment": amount]] }
    }

    struct RedeemCoupon: OTPActionCommand {
        static let configuration = CommandConfiguration(
            commandName: "redeem-coupon", abstract: "Redeem one of the customer's coupons on their one-time code.")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var member: MemberOptions
        @OptionGroup var otp: OTPCodeOptions
        @OptionGroup var idempotency: IdempotencyOptions
        @Argument(help: "The coupon's code, e.g. CP48213907765.") var coupon: String
        @OptionGroup var approval: ManagerApprovalOptions
        var action: [String: Any] { ["redeemCoupon": ["code": coupon]] }
    }
}

struct OTPCodeOptions: ParsableArguments {
    @Option(help: "The 6-digit code the customer's app shows (without it: the customer types it on the tablet).")
    var code: String?
}

/// An act on a one-time code: `POST /v1/otp/actions` with the member, the code and the act.
protocol OTPActionCommand: CounterOperationCommand {
    var member: MemberOptions { get }
    var otp: OTPCodeOptions { get }
    var approval: ManagerApprovalOptions { get }
    var action: [String: Any] { get }
}

extension OTPActionCommand {
    var path: String { "/v1/otp/actions" }

    func approvalHeaders() throws -> [String: String] { try approval.headers() }

    func body() throws -> [String: Any] {
        try member.validateOne()
        var body: [String: Any] = ["action": action]
        body["member"] = member.reference()
        body["code"] = otp.code
        return body
    }
}
