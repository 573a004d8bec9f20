import Foundation
import Testing

/// A PostgreSQL cluster on a Unix socket, as scripts/central-db.sh starts it: the one of the whole test run
/// (`POSAGENT_TEST_PG`, which scripts/test.sh exports), or one of a test's own that it may crash and restart.
final class PostgresCluster: Sendable {
    static let variable = "POSAGENT_TEST_PG"
    /// The run's cluster. Without one the end-to-end suites are skipped on a developer's machine, with the
    /// trait saying why, and fail under CI=true: a CI run must never pass them silently.
    static var sharedFolder: String? { ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 } }
    static let available = sharedFolder != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let unavailable: Comment = "needs \(variable): run through scripts/test.sh, or `scripts/central-db.sh start DIR` and \(variable)=DIR"

    /// The folder holding the cluster's socket (and, for a cluster of its own, its data).
    let folder: String
    private let owned: Bool
    var socket: String { folder + "/.s.PGSQL.5432" }

    private init(folder: String, owned: Bool) {
        self.folder = folder
        self.owned = owned
    }

    static func shared() throws -> PostgresCluster {
        guard let folder = sharedFolder else { throw DaemonHarnessError(description: "\(variable) is not set: \(unavailable)") }
        return PostgresCluster(folder: folder, owned: false)
    }

    /// A new cluster in a folder of its own, stopped and removed when the last reference goes.
    static func own() async throws -> PostgresCluster {
        let folder = "/tmp/pa-pg-\(UUID().uuidString.prefix(8))"
        let cluster = PostgresCluster(folder: folder, owned: true)
        try await cluster.script("start")
        return cluster
    }

    deinit {
        guard owned else { return }
        _ = try? PosAgentProcess.runBlocking([Self.script.path, "stop", folder], executable: Self.bash)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Stops the cluster at once, as a power cut would (`pg_ctl stop -m immediate`): no checkpoint, open
    /// transactions lost, recovery from the WAL at the next start.
    func crash() async throws { try await script("crash") }

    /// Starts it again on the same folder.
    func start() async throws { try await script("start") }

    /// Runs one SQL text in `database` and returns its rows, each a list of fields (unaligned, `|` between).
    func psql(_ database: String, _ sql: String) async throws -> [[String]] {
        let result = try await PosAgentProcess.run(
            ["-h", folder, "-U", "posagent", "-d", database, "-X", "-q", "-tA", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
            executable: Self.psqlBinary)
        guard result.status == 0 else {
            throw DaemonHarnessError(description: "psql failed (exit \(result.status)) on \(sql.prefix(80)): \(result.stderr)")
        }
        return result.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    static let psqlBinary = URL(fileURLWithPath: "/usr/bin/psql")
    private static let bash = URL(fileURLWithPath: "/bin/bash")
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/central-db.sh")

    /// Foundation watches a child through a socket the child inherits; postgres, started in the background,
    /// would keep it open and the script would never seem to end. Python runs the script with only 0, 1 and 2.
    private func script(_ action: String) async throws {
        let closingOtherFiles = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], close_fds=True))"
        let result = try await PosAgentProcess.run(["-c", closingOtherFiles, Self.bash.path, Self.script.path, action, folder],
                                                   executable: URL(fileURLWithPath: "/usr/bin/python3"))
        guard result.status == 0 else {
            throw DaemonHarnessError(description: "central-db.sh \(action) \(folder) failed (exit \(result.status)): \(result.stderr)")
        }
    }
}
