import Foundation
import Testing

extension DaemonSuites {
@Suite(.serialized) struct DaemonLifecycleTests {
    @Test func tellsSystemdItIsReadyAndStopping() async throws {
        let listener = try NotifyListener()
        let daemon = try await DaemonHarness.launch(environment: ["NOTIFY_SOCKET": listener.path])
        let ready = try await offPool { listener.receive(until: { $0.contains("READY=1") }) }
        #expect(ready.contains { $0.contains("READY=1") && $0.contains("STATUS=serving") })
        // The watchdog service's first STATUS= may come before or after READY=1.
        let queued: @Sendable (String) -> Bool = { $0.contains("queued for upload") }
        let status = ready.contains(where: queued) ? ready : try await offPool { listener.receive(until: queued) }
        #expect(status.contains { $0.contains("STATUS=serving") && $0.contains("0 transactions queued for upload") }, "\(status)")
        #expect(try await daemon.stop(SIGTERM) == 0)
        let stopping = try await offPool { listener.receive(until: { $0.contains("STOPPING=1") }) }
        #expect(stopping.contains { $0.contains("STOPPING=1") })
        #expect(!FileManager.default.fileExists(atPath: daemon.socket), "the socket is removed on shutdown")
    }

    @Test func aSecondDaemonOnTheSameSocketIsRefused() async throws {
        let daemon = try await DaemonHarness.launch()
        let second = try await PosAgentProcess.run(["daemon", "--config", daemon.configFile.path])
        #expect(second.status == 69)
        #expect(second.stderr.contains("another posagent daemon is already serving"))
        #expect(try await daemon.request("GET", "/v1/health").status == 200, "the first daemon keeps serving")
    }

    @Test func aBadConfigurationStopsTheStartWithTheReason() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("posagent.toml")
        try "[policy]\nuse_unit = 0\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await PosAgentProcess.run(["daemon", "--config", file.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("policy.use_unit = 0 is out of range"))
    }
}
}

/// A datagram socket standing in for systemd's notify socket.
final class NotifyListener: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init() throws {
        path = "/tmp/pa-notify-\(UUID().uuidString.prefix(8))"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw DaemonHarnessError(description: "cannot bind \(path)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Messages received until one matches `done`, or 20 seconds pass.
    func receive(until done: @Sendable (String) -> Bool) -> [String] {
        var messages: [String] = []
        let deadline = Date().addingTimeInterval(20)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[..<count], as: UTF8.self)
            messages.append(message)
            if done(message) { break }
        }
        return messages
    }
}
