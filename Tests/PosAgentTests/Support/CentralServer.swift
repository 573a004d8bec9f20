import Foundation

/// The stand-in central server (CentralServer/central_server.py) on loopback, with faults on command.
final class CentralServer: @unchecked Sendable {
    let token = "test-token-\(UUID().uuidString.prefix(8))"
    let directory: URL
    private(set) var process = Process()
    private(set) var port = 0

    /// The certificate chain and key it serves HTTPS with; nil for plain HTTP.
    let tls: (certificate: URL, key: URL)?

    var url: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }
    var tokenFile: URL { directory.appendingPathComponent("token") }
    private var journal: URL { directory.appendingPathComponent("server-journal.jsonl") }

    static func launch(tls: (certificate: URL, key: URL)? = nil) async throws -> CentralServer {
        try await offPool { try CentralServer(tls: tls) }
    }

    private init(tls: (certificate: URL, key: URL)?) throws {
        self.tls = tls
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-central-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try token.write(to: tokenFile, atomically: true, encoding: .utf8)
        try start(port: 0)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func start(port: Int) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CentralServer/central_server.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, token, journal.path, String(port)] + (tls.map { [$0.certificate.path, $0.key.path] } ?? [])
        process.standardError = FileHandle.nullDevice
        guard let number = try process.runReadingFirstLine().flatMap({ Int($0) }) else {
            throw DaemonHarnessError(description: "the central server did not start")
        }
        self.port = number
    }

    /// Kills the server and starts it again on the same port with what it had stored.
    func restart() async throws {
        try await offPool {
            // SIGKILL: the test runner may hand its children an ignored SIGTERM.
            kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
            try self.start(port: self.port)
        }
    }

    /// The agent's `[sync]` section for this server: a round every `intervalSeconds`, short timeouts and
    /// backoff so the tests see faults and recoveries soon, and any `extra` lines.
    func syncSection(intervalSeconds: Int = 1, batchSize: Int = 40, timeoutSeconds: Int = 2, extra: String = "") -> String {
        """

        [sync]
        server = "\(url)"
        token_file = "\(tokenFile.path)"
        interval_seconds = \(intervalSeconds)
        batch_size = \(batchSize)
        timeout_seconds = \(timeoutSeconds)
        max_backoff_seconds = 1
        \(extra)
        """
    }

    func inject(_ json: String) async throws {
        _ = try await curl(["-X", "POST", "\(url)/control", "-d", json])
    }

    struct State {
        var transactions: [String: [String: Any]]
        var uploads: Int
        var duplicates: Int
        /// Each fetch of members' secrets: its store, `after` (absent: from the beginning), limit and status.
        var secretFetches: [[String: Any]]
        /// The hashes of the marketing images the agent fetched, in order.
        var imageFetches: [String]
    }

    func state() async throws -> State {
        let data = try await curl(["\(url)/control/state"])
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DaemonHarnessError(description: "the central server's state is not JSON")
        }
        return State(transactions: object["transactions"] as? [String: [String: Any]] ?? [:],
                     uploads: object["uploads"] as? Int ?? 0, duplicates: object["duplicates"] as? Int ?? 0,
                     secretFetches: object["secret_fetches"] as? [[String: Any]] ?? [],
                     imageFetches: object["image_fetches"] as? [String] ?? [])
    }

    /// What the server stored, compactly (a large drain): transaction id -> seq, and the counters.
    struct Stored {
        var seqs: [String: Int64]
        var uploads: Int
        var duplicates: Int
    }

    func stored() async throws -> Stored {
        let data = try await curl(["\(url)/control/ids"])
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pairs = object["transactions"] as? [[Any]]
        else {
            throw DaemonHarnessError(description: "the central server's ids are not JSON")
        }
        var seqs: [String: Int64] = [:]
        for pair in pairs {
            guard pair.count == 2, let id = pair[0] as? String, let seq = pair[1] as? Int else {
                throw DaemonHarnessError(description: "the central server holds a malformed entry: \(pair)")
            }
            seqs[id] = Int64(seq)
        }
        return Stored(seqs: seqs, uploads: object["uploads"] as? Int ?? 0,
                      duplicates: object["duplicates"] as? Int ?? 0)
    }

    private func curl(_ arguments: [String]) async throws -> Data {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            // -k: the test's own control calls to its own server; what the agent trusts is what is under test.
            process.arguments = ["-s", "-S", "--max-time", "10", "-k"] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = try output.fileHandleForReading.readToEnd() ?? Data()
            process.waitUntilExit()
            return data
        }
    }
}
