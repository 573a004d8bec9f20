import Foundation

/// The fault-injecting proxy (CentralServer/fault_proxy.py) on loopback in front of a real `serve`:
/// the agent uploads through it, and the test tells it which uploads to fail, delay, reset or leave unanswered.
final class FaultProxy: @unchecked Sendable {
    private let process = Process()
    let port: Int
    /// Where the proxy saves each upload body that reaches serve, in order (0001.json, …).
    let bodies: URL

    var url: String { "http://127.0.0.1:\(port)" }

    static func launch(before central: RealCentral) async throws -> FaultProxy {
        try await offPool { try FaultProxy(upstreamPort: central.port) }
    }

    private init(upstreamPort: Int) throws {
        bodies = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-proxy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CentralServer/fault_proxy.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, String(upstreamPort), bodies.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let number = Int(String(decoding: line, as: UTF8.self)) else {
            throw DaemonHarnessError(description: "the fault proxy did not start")
        }
        port = number
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: bodies)
    }

    /// Faults for the next uploads, as fault_proxy.py's doc string lists them: `{"fail": 2, "status": 503}`.
    func inject(_ json: String) async throws {
        let reply = try await curl(["-X", "POST", "\(url)/control", "--data-binary", json])
        guard reply.status == 0 else { throw DaemonHarnessError(description: "the fault proxy refused \(json): \(reply.stderr)") }
    }

    struct State: Sendable {
        /// Uploads the agent sent, and those that reached serve whole or in part.
        var uploads: Int
        var relayed: Int
        /// serve's answers to uploads, by status.
        var statuses: [String: Int]
        /// Uploads that found serve gone (502) or lost it mid-request.
        var unreachable: Int
        /// Faults still to be done, by name (0 when all were done).
        var faultsLeft: [String: Int]

        var faultsDone: Bool { ["fail", "delay", "reset", "reset_answer", "lose_answer"].allSatisfy { faultsLeft[$0] == 0 } }
    }

    func state() async throws -> State {
        let reply = try await curl(["\(url)/control/state"])
        guard let object = try JSONSerialization.jsonObject(with: Data(reply.stdout.utf8)) as? [String: Any] else {
            throw DaemonHarnessError(description: "the fault proxy's state is not JSON: \(reply.stdout)")
        }
        return State(uploads: object["uploads"] as? Int ?? -1, relayed: object["relayed"] as? Int ?? -1,
                     statuses: object["statuses"] as? [String: Int] ?? [:], unreachable: object["unreachable"] as? Int ?? -1,
                     faultsLeft: object["faults"] as? [String: Int] ?? [:])
    }

    /// The upload bodies that reached serve, oldest first.
    func savedBodies() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: bodies, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func curl(_ arguments: [String]) async throws -> CommandResult {
        try await PosAgentProcess.run(["-s", "-S", "--max-time", "10"] + arguments, executable: URL(fileURLWithPath: "/usr/bin/curl"))
    }
}
