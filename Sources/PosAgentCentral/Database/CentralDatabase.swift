import Foundation
import Logging
import PostgresNIO

/// The central PostgreSQL database, reached as the configuration says: a pool of connections that runs
/// while `body` does.
enum CentralDatabase {
    static func configuration(_ settings: CentralConfiguration.Database) throws -> PostgresClient.Configuration {
        guard let url = settings.url else {
            return PostgresClient.Configuration(unixSocketPath: settings.socket, username: settings.user, password: nil, database: settings.name)
        }
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let host = parts.host, !host.isEmpty
        else {
            throw CentralError(.configuration, "database.url must look like postgres://user:password@host:5432/name")
        }
        let name = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        return PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: parts.user ?? settings.user, password: parts.password,
            database: name.isEmpty ? settings.name : name, tls: .disable)
    }

    /// Runs `body` with a running client; the pool closes when it returns.
    static func with<T: Sendable>(
        _ settings: CentralConfiguration.Database, logger: Logger, _ body: @Sendable @escaping (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: try configuration(settings), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask { try await body(client) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CentralError(.schema, "the database connection pool stopped before the work was done")
        }
    }
}

extension PostgresClient {
    /// `withTransaction`, with the body's own error thrown as it is: PostgresNIO wraps it in a
    /// `PostgresTransactionError`, whose text would bury the message that says what to do.
    func transaction<T: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> sending T {
        do {
            return try await withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            if let reason = error.closureError, error.rollbackError == nil { throw reason }
            throw error
        }
    }
}
