import ArgumentParser

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the configuration file.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a configuration file and name every wrong key and value.")

        @Argument(help: "The file to check (default: /etc/posagent/posagent.toml).")
        var file: String?

        func run() async throws {
            let configuration = try await reportingFailures {
                try AgentConfiguration.load(path: file ?? AgentConfiguration.defaultPath)
            }
            print("\(file ?? AgentConfiguration.defaultPath) is valid.")
            print("store \(configuration.store.id) (\(configuration.store.name)), time zone \(configuration.store.timeZone.identifier)")
            print("ledger \(configuration.database.path), durability \(configuration.database.durability.rawValue)")
        }
    }
}
