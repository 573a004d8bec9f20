import Foundation
import Logging
import PostgresNIO

/// Applies the schema's migrations (`Migrations/NNNN_name.sql`, in order), each in its own transaction
/// with its version recorded in `schema_migration`. A migration once shipped is never edited; a change is
/// a new file. Statements in a file end with `;` at the end of a line.
struct Migrator: Sendable {
    struct Migration: Sendable, Hashable {
        var version: Int
        var name: String
        var statements: [String]
    }

    let migrations: [Migration]

    /// The migrations shipped in this binary.
    static func bundled() throws -> Migrator {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw CentralError(.schema, "the migrations are missing from this build; rebuild posagent-central")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        return Migrator(migrations: try files.map { file in
            let version = file.prefix { $0.isNumber }
            guard let number = Int(version) else { throw CentralError(.schema, "migration \(file) does not start with its version number") }
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: number, name: String(file.dropLast(4)), statements: Self.statements(text))
        })
    }

    /// The file's statements, comments dropped.
    static func statements(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
        var statements: [String] = [], current: [Substring] = []
        for line in lines {
            current.append(line)
            if line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append(current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return rest.isEmpty ? statements : statements + [rest]
    }

    /// Applies what the database lacks; returns the names applied. Two processes migrating at once take
    /// turns on an advisory lock, so each migration runs once.
    func apply(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            var applied: [String] = []
            for migration in migrations {
                let done = try await connection.withTransaction(logger: logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                    try await connection.query("""
                        CREATE TABLE IF NOT EXISTS schema_migration (
                            version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                        """, logger: logger)
                    let rows = try await connection.query(
                        "SELECT 1 FROM schema_migration WHERE version = \(migration.version)", logger: logger)
                    for try await _ in rows { return true }
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                    return false
                }
                if !done { applied.append(migration.name) }
            }
            return applied
        }
    }

    /// The advisory lock migrations take: any fixed number no other tool of this database uses.
    private static let lockKey: Int64 = 0x706F_7361_6765_6E74
}
