import ArgumentParser
import Foundation
import Loyalty

/// Where the configuration and ledger are, and how to print.
struct LedgerOptions: ParsableArguments {
    @Option(help: "Configuration file (default: /etc/posagent/posagent.toml; none there means defaults).")
    var config: String?

    @Option(help: "Ledger database file; overrides [database] path.")
    var database: String?

    @Flag(help: "Print JSON for scripts instead of text for people.")
    var json = false

    func loadConfiguration() throws -> AgentConfiguration {
        var configuration = try AgentConfiguration.load(path: config)
        if let database { configuration.database.path = database }
        return configuration
    }

    func openLedger() throws -> (Ledger, AgentConfiguration) {
        let configuration = try loadConfiguration()
        let directory = URL(fileURLWithPath: configuration.database.path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw LedgerError(.storage, "the directory \(directory) for the ledger does not exist; create it or pass --database")
        }
        let database = try LedgerDatabase(path: configuration.database.path, durability: configuration.database.durability)
        let ledger = try Ledger(
            database: database, policy: configuration.policy, barcodeFormat: configuration.membership,
            timeZone: configuration.store.timeZone)
        return (ledger, configuration)
    }
}

/// Which member an operation is for: exactly one of phone, barcode or id.
struct MemberOptions: ParsableArguments {
    @Option(help: "The member's mobile number, e.g. 010-1234-5678.")
    var phone: String?

    @Option(help: "The member's membership card barcode.")
    var barcode: String?

    @Option(name: .customLong("member-id"), help: "The member's id in the ledger.")
    var memberID: Int64?

    func key() throws -> MemberKey {
        switch (phone, barcode, memberID) {
        case (let phone?, nil, nil): .phone(try PhoneNumber(parsing: phone))
        case (nil, let barcode?, nil): .barcode(barcode)
        case (nil, nil, let id?): .id(id)
        default: throw ValidationError("name the member with exactly one of --phone, --barcode or --member-id")
        }
    }
}

struct IdempotencyOptions: ParsableArguments {
    @Option(name: .customLong("idempotency-key"), help: "Repeat a request safely: the same key returns the first result.")
    var idempotencyKey: String?

    func key() throws -> IdempotencyKey {
        try IdempotencyKey(idempotencyKey ?? UUID().uuidString.lowercased())
    }
}

/// Who is at the keyboard, recorded as the actor of what the CLI does.
func commandLineActor() -> String {
    let environment = ProcessInfo.processInfo.environment
    let user = environment["SUDO_USER"] ?? environment["USER"] ?? "uid-\(getuid())"
    return "cli:\(user)"
}
