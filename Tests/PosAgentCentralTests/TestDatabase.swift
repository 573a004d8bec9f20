import Foundation
import Logging
import PostgresNIO
import Testing
@testable import PosAgentCentral

/// A fresh database for one test, in the throwaway cluster scripts/test.sh starts
/// (scripts/central-db.sh): `POSAGENT_TEST_PG` names the folder holding its socket.
struct TestDatabase: Sendable {
    static let variable = "POSAGENT_TEST_PG"

    /// The cluster's socket folder. Without one the PostgreSQL tests are skipped on a developer's machine,
    /// with the trait saying why, and fail under CI=true: a CI run must never pass them silently.
    static var folder: String? { ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 } }
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static let available = folder != nil || required

    let settings: CentralConfiguration.Database
    let logger = Logger(label: "posagent-central-tests")

    /// Creates an empty database of its own, migrated unless asked not to, runs `body`, then drops it.
    static func with<T: Sendable>(migrated: Bool = true, _ body: @Sendable (TestDatabase) async throws -> T) async throws -> T {
        guard let folder else {
            throw TestDatabaseMissing()
        }
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let server = CentralConfiguration.Database(url: nil, socket: folder + "/.s.PGSQL.5432", user: "posagent", name: "posagent")
        let database = TestDatabase(settings: CentralConfiguration.Database(url: nil, socket: server.socket, user: "posagent", name: name))
        try await database.administer(server, "CREATE DATABASE \(name)")
        do {
            if migrated {
                _ = try await CentralDatabase.with(database.settings, logger: database.logger) { client in
                    try await Migrator.bundled().apply(client, logger: database.logger)
                }
            }
            let result = try await body(database)
            try await database.administer(server, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await database.administer(server, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs `body` with a running client of this database.
    func client<T: Sendable>(_ body: @Sendable @escaping (PostgresClient) async throws -> T) async throws -> T {
        try await CentralDatabase.with(settings, logger: logger, body)
    }

    private func administer(_ server: CentralConfiguration.Database, _ statement: String) async throws {
        let logger = self.logger
        _ = try await CentralDatabase.with(server, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            return true
        }
    }
}

struct TestDatabaseMissing: Error, CustomStringConvertible {
    var description: String {
        "\(TestDatabase.variable) is not set: run the tests through scripts/test.sh, or start a cluster with "
            + "`scripts/central-db.sh start DIR` and set \(TestDatabase.variable)=DIR"
    }
}
