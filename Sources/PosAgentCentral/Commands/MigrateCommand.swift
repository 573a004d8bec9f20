import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Bring the database's schema up to this version's.")

    @OptionGroup var options: CentralOptions

    func run() async throws {
        let settings = try options.load()
        let migrator = try Migrator.bundled()
        let logger = options.logger
        let applied = try await CentralDatabase.with(settings.database, logger: logger) { client in
            try await migrator.apply(client, logger: logger)
        }
        print(applied.isEmpty ? "the schema is up to date" : applied.map { "applied \($0)" }.joined(separator: "\n"))
    }
}
