import Foundation

/// A real `posagent daemon` on a temporary ledger and socket, talked to with curl over the socket,
/// as the POS software or an admin would.
final class DaemonHarness: @unchecked Sendable {
    let directory: URL
    private(set) var process = Process()
    private let environment: [String: String]
    var socket: String { directory.appendingPathComponent("posagent.sock").path }
    let database: String
    var configFile: URL { directory.appendingPathComponent("posagent.toml") }
    var logFile: URL { directory.appendingPathComponent("daemon.log") }

    /// Cashiers are group `users` (100), managers group `staff` (50): both exist on every Debian system.
    static let cashierGroup: UInt32 = 100
    static let managerGroup: UInt32 = 50

    /// The cashier screen's port; 0 (the default in tests) leaves the screen off.
    let webPort: Int
    var cashierPINFile: URL { directory.appendingPathComponent("cashier-pin") }
    static let cashierPIN = "482916"

    /// `database`: an existing ledger to serve (the caller removes it); by default a new one in the directory.
    init(extraConfiguration: String = "", environment: [String: String] = [:], webPort: Int = 0,
         database: String? = nil) throws {
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-\(UUID().uuidString.prefix(8))")
        self.database = database ?? directory.appendingPathComponent("ledger.sqlite").path
        self.environment = environment
        self.webPort = webPort
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o755)
        try "\(Self.cashierPIN)\n".write(to: cashierPINFile, atomically: true, encoding: .utf8)
        try """
            [api]
            socket = "\(socket)"
            group = "users"
            admin_group = "staff"

            [web]
            port = \(webPort)
            cashier_pin_file = "\(cashierPINFile.path)"

            # Last, so that extra lines without a heading are database settings.
            [database]
            path = "\(self.database)"
            \(extraConfiguration)
            """.write(to: configFile, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        try start()
    }

    /// Starts the daemon (again, after a stop) on the same configuration and ledger.
    func start() throws {
        process = Process()
        process.executableURL = PosAgentProcess.binary
        process.arguments = ["daemon", "--config", configFile.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        RunningDaemons.add(process, serving: directory.path)
        try waitForSocket()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        RunningDaemons.remove(serving: directory.path)
        try? FileManager.default.removeItem(at: directory)
    }

    private func waitForSocket() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socket), (try? requestBlocking("GET", "/v1/health").status) == 200,
                webPort == 0 || (try? webRequestBlocking("GET", "/").status) == 200 {
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw DaemonHarnessError(description: "the daemon did not start: \(log())")
    }

    func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Stops the daemon with `signal` and returns its exit status.
    func stopBlocking(_ signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    enum Identity {
        case root
        case cashier
        case manager
        /// An account in neither group: the socket (0660, cashier group) does not let it connect.
        case unknownUser

        var setpriv: [String] {
            switch self {
            case .root: []
            case .cashier: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--groups=\(DaemonHarness.cashierGroup)"]
            case .manager: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                            "--groups=\(DaemonHarness.cashierGroup),\(DaemonHarness.managerGroup)"]
            case .unknownUser: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            }
        }
    }

    struct Reply {
        var status: Int
        var body: String
        var contentType: String
        /// The `Allow` header, empty when the answer has none.
        var allow: String = ""

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw DaemonHarnessError(description: "not a JSON object: \(body)")
            }
            return object
        }

        var code: String? { (try? json())?["code"] as? String }
    }

    /// Starts a daemon without holding a cooperative thread while it comes up.
    static func launch(extraConfiguration: String = "", environment: [String: String] = [:], webPort: Int = 0,
                       database: String? = nil) async throws -> DaemonHarness {
        try await offPool {
            try DaemonHarness(extraConfiguration: extraConfiguration, environment: environment, webPort: webPort, database: database)
        }
    }

    func restart() async throws {
        try await offPool { try self.start() }
    }

    func stop(_ signal: Int32 = SIGTERM) async throws -> Int32 {
        try await offPool { self.stopBlocking(signal) }
    }

    /// One HTTP request over the socket with curl, as `identity`.
    func request(_ method: String, _ path: String, body: String? = nil, key: String? = nil,
                 headers: [String] = [], as identity: Identity = .root) async throws -> Reply {
        try await offPool { try self.requestBlocking(method, path, body: body, key: key, headers: headers, as: identity) }
    }

    /// A request whose body is `bytes` as they are (an image upload), sent as `contentType`.
    func upload(_ path: String, bytes: [UInt8], contentType: String, as identity: Identity = .root) async throws -> Reply {
        let file = directory.appendingPathComponent("upload-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        chmod(file.path, 0o644)
        return try await offPool {
            try self.requestBlocking("POST", path, headers: ["Content-Type: \(contentType)"], bodyFile: file, as: identity)
        }
    }

    func requestBlocking(_ method: String, _ path: String, body: String? = nil, key: String? = nil,
                 headers: [String] = [], bodyFile: URL? = nil, as identity: Identity = .root) throws -> Reply {
        // HEAD has no body to wait for: curl's -I asks it (and puts the headers where the body would be).
        let asks = method == "HEAD" ? ["-I"] : ["-X", method]
        var arguments = identity.setpriv + ["/usr/bin/curl", "-s", "-S", "--max-time", "30", "--unix-socket", socket]
            + asks + ["-o", "-", "-w", "\n%{http_code}\t%{content_type}\t%header{allow}"]
        if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
        for header in headers { arguments += ["-H", header] }
        if let body {
            let file = directory.appendingPathComponent("body-\(UUID().uuidString)")
            try body.write(to: file, atomically: true, encoding: .utf8)
            chmod(file.path, 0o644)
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@\(file.path)"]
        }
        if let bodyFile { arguments += ["--data-binary", "@\(bodyFile.path)"] }
        arguments.append("http://posagent\(path)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.lastIndex(of: "\n") else {
            throw DaemonHarnessError(description: "curl gave no status (exit \(process.terminationStatus))")
        }
        let trailer = text[text.index(after: split)...].split(separator: "\t", omittingEmptySubsequences: false)
        return Reply(status: Int(trailer.first ?? "") ?? 0, body: String(text[..<split]),
                     contentType: trailer.count > 1 ? String(trailer[1]) : "",
                     allow: trailer.count > 2 ? String(trailer[2]) : "")
    }
}

struct DaemonHarnessError: Error, CustomStringConvertible {
    var description: String
}
