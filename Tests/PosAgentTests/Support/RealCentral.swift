import Foundation

/// The real `posagent-central` on a database of its own in a PostgreSQL cluster: migrated by its `migrate`,
/// shops added by `store add`, `serve` on 127.0.0.1 (killed and started again on the same port on demand),
/// and its other commands run against the same `central.toml`. The database is dropped at the end.
final class RealCentral: @unchecked Sendable {
    let cluster: PostgresCluster
    let database = "e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let directory: URL
    private(set) var serve: Process?
    private(set) var port = 0

    var url: String { "http://127.0.0.1:\(port)" }
    var config: URL { directory.appendingPathComponent("central.toml") }
    var serveLog: URL { directory.appendingPathComponent("serve.log") }

    static var binary: URL { PosAgentProcess.binary.deletingLastPathComponent().appendingPathComponent("posagent-central") }

    /// A new database in `cluster` (the test run's when nil), migrated, with `serve` running on it.
    static func launch(on cluster: PostgresCluster? = nil) async throws -> RealCentral {
        let central = RealCentral(cluster: try cluster ?? PostgresCluster.shared())
        _ = try await central.cluster.psql("posagent", "CREATE DATABASE \(central.database)")
        let migrated = try await central.run(["migrate"])
        guard migrated.status == 0 else {
            throw DaemonHarnessError(description: "posagent-central migrate failed (exit \(migrated.status)): \(migrated.stderr)")
        }
        try await central.startServe()
        return central
    }

    private init(cluster: PostgresCluster) {
        self.cluster = cluster
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-e2e-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? """
            [database]
            socket = "\(cluster.socket)"
            name = "\(database)"
            [server]
            port = 0
            """.write(to: config, atomically: false, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: serveLog.path, contents: nil)
    }

    deinit {
        if let serve, serve.isRunning {
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
        }
        _ = try? PosAgentProcess.runBlocking(["-h", cluster.folder, "-U", "posagent", "-d", "posagent", "-X", "-q",
                                              "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"],
                                             executable: PostgresCluster.psqlBinary)
        try? FileManager.default.removeItem(at: directory)
    }

    /// `posagent-central ARGUMENTS --config central.toml`, waited for.
    func run(_ arguments: [String]) async throws -> CommandResult {
        try await PosAgentProcess.run(arguments + ["--config", config.path], executable: Self.binary)
    }

    /// Adds a shop with `store add ID` and writes the token it printed to a file for the agent's `token_file`.
    func addStore(_ id: String) async throws -> URL {
        let added = try await run(["store", "add", id])
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard added.status == 0, !token.isEmpty else {
            throw DaemonHarnessError(description: "store add \(id) failed (exit \(added.status)): \(added.stderr)")
        }
        let file = directory.appendingPathComponent("token-\(id)")
        try token.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Starts `serve`: on any free port the first time, then on the same port again.
    func startServe() async throws {
        try await offPool { try self.startServeBlocking() }
    }

    /// SIGKILL, as a crash or an OOM kill would end it: nothing is finished or flushed.
    func killServe() async throws {
        try await offPool {
            guard let serve = self.serve else { return }
            kill(serve.processIdentifier, SIGKILL)
            serve.waitUntilExit()
        }
    }

    func log() -> String { (try? String(contentsOf: serveLog, encoding: .utf8)) ?? "" }

    private func startServeBlocking() throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", config.path] + (port == 0 ? [] : ["--port", String(port)])
        let output = Pipe()
        let log = try FileHandle(forWritingTo: serveLog)
        log.seekToEndOfFile()
        process.standardOutput = output
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        serve = process
        // serve prints one line, "posagent-central listening on 127.0.0.1:PORT", once it listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let number = String(decoding: line, as: UTF8.self).split(separator: ":").last.flatMap({ Int($0) }) else {
            throw DaemonHarnessError(description: "posagent-central serve did not start: \(self.log())")
        }
        port = number
    }
}
