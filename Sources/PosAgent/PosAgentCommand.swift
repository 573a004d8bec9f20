import ArgumentParser

@main
struct PosAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posagent",
        abstract: "A loyalty agent for shop counters: points, stamps and their ledger.",
        version: PosAgentVersion.current,
        subcommands: [LedgerCommand.self, ConfigCommand.self, SimulateCommand.self]
    )
}

enum PosAgentVersion {
    static let current = "0.1.0"
}
