import ArgumentParser
import Foundation
import Loyalty

/// A short day at the counter on a local ledger file, showing each operation, a refusal, a retried
/// request and a cancellation, then the day's history, figures and a verification.
struct LedgerDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run a short scripted day at the counter on a local ledger.")

    @Option(help: "Configuration file (optional).") var config: String?
    @Option(help: "Ledger database file.") var database = "posagent-data/ledger.sqlite"

    func run() async throws {
        try await reportingFailures {
            let directory = URL(fileURLWithPath: database).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = try AgentConfiguration.load(path: config)
            configuration.database.path = database
            let ledger = try Ledger(
                database: try LedgerDatabase(path: database, durability: configuration.database.durability),
                policy: configuration.policy, barcodeFormat: configuration.membership, timeZone: configuration.store.timeZone)
            try await story(ledger, zone: configuration.store.timeZone)
        }
    }

    private func story(_ ledger: Ledger, zone: TimeZone) async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        func key(_ name: String) throws -> IdempotencyKey { try IdempotencyKey("demo-\(run)-\(name)") }
        let kim = MemberKey.phone(try PhoneNumber(parsing: "010-1234-5678"))
        let lee = MemberKey.phone(try PhoneNumber(parsing: "+82 10 2222 3333"))
        print("posagent ledger demo on \(ledger.database.path) (synchronous=\(try ledger.database.synchronousSetting() == 2 ? "FULL" : "NORMAL"))\n")

        step("A customer types 010-1234-5678 on the tablet; the cashier rang up 12,000 won")
        print(OperationPrinter.summary(try await ledger.accrue(Accrual(member: kim, payment: 12_000, actor: "cashier-1"), key: key("a1"))))

        step("Another customer, +82 10 2222 3333, pays 45,000 won")
        let leeAccrual = try await ledger.accrue(Accrual(member: lee, payment: 45_000, actor: "cashier-1"), key: key("a2"))
        print(OperationPrinter.summary(leeAccrual))

        step("The POS times out and sends the first accrual again with the same idempotency key")
        print(OperationPrinter.summary(try await ledger.accrue(Accrual(member: kim, payment: 12_000, actor: "cashier-1"), key: key("a1"))))

        step("The first customer tries to use 500 points on an 8,000 won purchase")
        do {
            _ = try await ledger.usePoints(PointUse(member: kim, payment: 8_000, points: 500, actor: "cashier-1"), key: key("u1"))
        } catch let error as LedgerError {
            print("Refused [\(error.code)]: \(error.message)")
        }

        step("A manager moves 2,000 points over from the customer's paper card")
        print(OperationPrinter.summary(try await ledger.convert(
            Conversion(member: kim, points: 2_000, reason: "paper card moved over", actor: "manager-1"), key: key("c1"))))

        step("Now the customer uses 1,000 points on the 8,000 won purchase")
        print(OperationPrinter.summary(try await ledger.usePoints(
            PointUse(member: kim, payment: 8_000, points: 1_000, actor: "cashier-1"), key: key("u2"))))

        step("The second customer returns the goods: the manager cancels the accrual")
        print(OperationPrinter.summary(try await ledger.cancel(
            Cancellation(transactionID: leeAccrual.transaction.id, reason: "goods returned", actor: "manager-1"), key: key("x1"))))

        step("Today's history (phone numbers masked)")
        print(HistoryPrinter.render(try await ledger.history(HistoryQuery(range: .today, limit: 20)).entries, timeZone: zone))

        step("Today's figures")
        let today = StoreDay(containing: Date(), in: zone)
        if let figures = try await ledger.dailyStatistics(from: today, to: today).first {
            print("\(figures.transactions) transactions, \(grouped(figures.payments)) won paid, \(grouped(figures.pointsGranted)) points granted, "
                  + "\(grouped(figures.pointsUsed)) used, \(figures.distinctCustomers) customers, \(figures.cancellations) cancellations")
        }

        step("Verification of the hash chain and every balance")
        let report = try await ledger.verify()
        print(report.isClean ? "Clean: \(report.transactionsChecked) transactions, \(report.membersChecked) members."
                             : report.issues.map(\.description).joined(separator: "\n"))
        print("\nTry it yourself: .build/debug/posagent ledger accrue --database \(ledger.database.path) --phone 010-5555-6666 --amount 30000")
    }

    private func step(_ title: String) {
        print("\n== \(title)")
    }
}
