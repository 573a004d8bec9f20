import ArgumentParser
import Loyalty

/// A command that performs one ledger operation and prints what it committed.
protocol LedgerOperationCommand: AsyncParsableCommand {
    var options: LedgerOptions { get }
    func perform(on ledger: Ledger) async throws -> OperationResult
}

extension LedgerOperationCommand {
    func run() async throws {
        try await reportingFailures {
            let (ledger, configuration) = try options.openLedger()
            let result = try await perform(on: ledger)
            try OperationPrinter.print(result, json: options.json, timeZone: configuration.store.timeZone)
        }
    }
}

struct LedgerAccrue: LedgerOperationCommand {
    static let configuration = CommandConfiguration(commandName: "accrue", abstract: "Earn points and stamps for a purchase.")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The payment in won.") var amount: Int64

    func perform(on ledger: Ledger) async throws -> OperationResult {
        return try await ledger.accrue(
            Accrual(member: try member.key(), payment: amount, actor: commandLineActor()), key: try idempotency.key())
    }
}

struct LedgerUsePoints: LedgerOperationCommand {
    static let configuration = CommandConfiguration(commandName: "use-points", abstract: "Pay part of a purchase with points.")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The payment in won.") var amount: Int64
    @Option(help: "The points to use.") var points: Int64

    func perform(on ledger: Ledger) async throws -> OperationResult {
        let use = PointUse(member: try member.key(), payment: amount, points: points, actor: commandLineActor())
        return try await ledger.usePoints(use, key: try idempotency.key())
    }
}

struct LedgerUseStamps: LedgerOperationCommand {
    static let configuration = CommandConfiguration(commandName: "use-stamps", abstract: "Spend a member's stamps.")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "The stamps to use.") var stamps: Int64

    func perform(on ledger: Ledger) async throws -> OperationResult {
        let use = StampUse(member: try member.key(), stamps: stamps, actor: commandLineActor())
        return try await ledger.useStamps(use, key: try idempotency.key())
    }
}

struct LedgerConvert: LedgerOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Grant points or stamps regardless of any purchase (a manager's act).")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var member: MemberOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Option(help: "Points to grant.") var points: Int64 = 0
    @Option(help: "Stamps to grant.") var stamps: Int64 = 0
    @Option(help: "Why, for the record.") var reason: String

    func perform(on ledger: Ledger) async throws -> OperationResult {
        let conversion = Conversion(member: try member.key(), points: points, stamps: stamps, reason: reason,
                                    actor: commandLineActor())
        // Whoever can write the ledger file acts as a manager; the audit log says who it was.
        let audit = AuditNote(.conversion, manager: nil, caller: commandLineActor(), detail: reason)
        return try await ledger.convert(conversion, key: try idempotency.key(), audit: audit)
    }
}

struct LedgerCancel: LedgerOperationCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Reverse an accrual, a use, a conversion, a voucher or a coupon redemption, exactly once.")
    @OptionGroup var options: LedgerOptions
    @OptionGroup var idempotency: IdempotencyOptions
    @Argument(help: "The transaction to cancel (see `posagent ledger history`).") var transaction: Int64
    @Option(help: "Why, for the record.") var reason: String

    func perform(on ledger: Ledger) async throws -> OperationResult {
        let cancellation = Cancellation(transactionID: transaction, reason: reason, actor: commandLineActor())
        let audit = AuditNote(.cancellation, manager: nil, caller: commandLineActor(), subject: "transaction \(transaction)",
                              detail: reason)
        return try await ledger.cancel(cancellation, key: try idempotency.key(), audit: audit)
    }
}
