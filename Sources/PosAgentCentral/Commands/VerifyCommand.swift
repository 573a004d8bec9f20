import ArgumentParser

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every shop's stored hash chain; exit 1 when anything is wrong.",
        discussion: """
            Follows each shop's transactions (stored and rejected) in seq order: the first prevHash must be 64 zeros, \
            each later one the hash of the row before, and the store's recorded chain end its last row. Prints what \
            it checked, then every fault (store, seq, what is wrong).
            """)

    @OptionGroup var options: CentralOptions

    func run() async throws {
        let settings = try options.load()
        let logger = options.logger
        let result = try await CentralDatabase.with(settings.database, logger: logger) { client in
            try await ChainVerifier(client: client, logger: logger).verify()
        }
        for chain in result.chains { print(chain.description) }
        print("balances: not checked; the central database keeps no member balances, only the shops' transactions")
        let rows = result.chains.reduce(0) { $0 + $1.stored + $1.rejected }
        guard !result.faults.isEmpty else {
            print("verified \(result.chains.count) store(s), \(rows) row(s): no faults")
            return
        }
        print("verified \(result.chains.count) store(s), \(rows) row(s): \(result.faults.count) fault(s)")
        for fault in result.faults { print("  \(fault)") }
        throw ExitCode(1)
    }
}
