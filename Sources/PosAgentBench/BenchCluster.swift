import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the central benchmark measures on: a cluster the caller runs (its socket folder),
/// or a throwaway one that scripts/central-db.sh starts in the workspace and stops afterwards. Each
/// measurement gets a fresh database of the same schema, so none starts on another's rows.
struct BenchCluster: Sendable {
    let folder: String
    let owned: Bool
    let logger = Logger(label: "posagent-bench-central")

    static func start(existing: String?, workspace: BenchWorkspace) async throws -> BenchCluster {
        if let existing { return BenchCluster(folder: existing, owned: false) }
        let script = URL(fileURLWithPath: "scripts/central-db.sh")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw CounterBenchError("scripts/central-db.sh is not here: run the benchmark from the project's folder, or pass --cluster with a running cluster's socket folder")
        }
        let folder = workspace.path("pg")
        let log = workspace.path("central-db.log")
        try await offPool { try CentralTool.start([script.path, "start", folder], log: log) }
        return BenchCluster(folder: folder, owned: true)
    }

    func stop() async {
        guard owned else { return }
        _ = try? await offPool { try CentralTool.run(URL(fileURLWithPath: "/bin/bash"), ["scripts/central-db.sh", "stop", folder]) }
    }

    func configuration(database: String) -> PostgresClient.Configuration {
        PostgresClient.Configuration(unixSocketPath: folder + "/.s.PGSQL.5432", username: "posagent", password: nil, database: database)
    }

    /// Creates the database `name` and migrates it with `posagent-central migrate`; returns its central.toml.
    func createDatabase(_ name: String, in workspace: BenchWorkspace) async throws -> String {
        try await withClient(database: "posagent") { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let config = workspace.path("\(name).toml")
        try """
            [database]
            socket = "\(folder)/.s.PGSQL.5432"
            user = "posagent"
            name = "\(name)"

            [server]
            address = "127.0.0.1"
            port = 0
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let central = try CentralTool.binary()
        try await offPool { try CentralTool.run(central, ["migrate", "--config", config]) }
        return config
    }

    /// Runs `body` with a running client of `database`.
    func withClient<T: Sendable>(database: String, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: configuration(database: database), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            // The pool serves once run() has begun; a query before that only logs a warning and waits.
            await Task.yield()
            return try await body(client)
        }
    }
}
