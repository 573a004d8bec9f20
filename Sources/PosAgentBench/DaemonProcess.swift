import Foundation

/// The real `posagent daemon`, the release binary built beside this one, started on a configuration the
/// benchmark writes (ledger, socket, devices), its log kept in a file next to it.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let socketPath: String
    let logPath: String

    /// `posagent` next to the running `posagent-bench`, so both come from the same build.
    static func binary() throws(CounterBenchError) -> URL {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binary = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("posagent")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CounterBenchError("no posagent binary at \(binary.path); build it with `swift build -c release --product posagent`")
        }
        return binary
    }

    /// Writes `name.toml` in `directory` with the ledger, the socket and `extra` TOML (devices, checkout).
    init(directory: String, name: String, database: String, extra: String = "",
         environment: [String: String] = [:]) throws {
        socketPath = directory + "/\(name).sock"
        logPath = directory + "/\(name).log"
        let config = directory + "/\(name).toml"
        try """
            [api]
            socket = "\(socketPath)"

            [database]
            path = "\(database)"

            [web]
            port = 0
            \(extra)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = try Self.binary()
        process.arguments = ["daemon", "--config", config]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
    }

    /// Spawns the daemon (blocking: call it through `offPool`); returns the monotonic time just before.
    func start() throws -> Double {
        let begin = now()
        try process.run()
        return begin
    }

    var pid: Int32 { process.processIdentifier }

    func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops the daemon as systemd would and waits for it (blocking).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Waits until the API answers on the socket (blocking), or fails with the daemon's log.
    func waitUntilServing(timeout: Double = 30) throws {
        let deadline = now() + timeout
        let client = UnixSocketHTTP(socketPath: socketPath)
        while now() < deadline {
            guard process.isRunning else { break }
            if (try? client.get("/v1/health"))?.status == 200 { return }
            usleep(20_000)
        }
        throw CounterBenchError("the daemon did not start serving \(socketPath): \(log())")
    }

    /// The daemon's resident set (VmRSS in /proc/PID/status), in KiB.
    func residentKiB() throws(CounterBenchError) -> Int {
        let path = "/proc/\(pid)/status"
        guard let status = try? String(contentsOfFile: path, encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
        else { throw CounterBenchError("cannot read VmRSS from \(path); is the daemon still running?") }
        return kib
    }
}
