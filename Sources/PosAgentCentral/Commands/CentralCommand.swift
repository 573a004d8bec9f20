import ArgumentParser
import Logging

/// `posagent-central`: the chain's central server for the shops' agents (docs/central.md).
@main
struct CentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posagent-central",
        abstract: "The central server of a chain of shops running posagent, on PostgreSQL.",
        subcommands: [MigrateCommand.self, StoreCommand.self, MemberCommand.self, MarketingCommand.self, ReportCommand.self, VerifyCommand.self, ServeCommand.self])
}

/// The options every command takes.
struct CentralOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config = CentralConfiguration.defaultPath

    func load() throws -> CentralConfiguration { try CentralConfiguration.load(config) }

    /// Logs on standard error; they name stores and counts, never tokens or whole phone numbers.
    var logger: Logger {
        var logger = Logger(label: "posagent-central")
        logger.logLevel = .warning
        return logger
    }
}
