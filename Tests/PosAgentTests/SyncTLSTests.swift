import Foundation
import TestCertificates
import Testing

/// Uploads over HTTPS to a central server with a chain's own certificate: trusted through `[sync] ca_file`,
/// refused (and kept queued) without it, and a CA file that holds no certificate stops the start.
extension DaemonSuites {
@Suite(.serialized) struct SyncTLSTests {
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pa-sync-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func configuration(_ server: CentralServer, caFile: URL?) -> String {
        server.syncSection(extra: caFile.map { "ca_file = \"\($0.path)\"" } ?? "")
    }

    func accrue(_ daemon: DaemonHarness, count: Int) async throws {
        for index in 0..<count {
            let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-7100-100\#(index)"},"payment":5000}"#,
                                                 key: "tls-\(index)")
            #expect(reply.status == 200, "\(reply.body)")
        }
    }

    @Test func theChainsCAFromCaFileIsTrustedAndTheBacklogArrives() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try TestCertificates(in: directory)
        let server = try await CentralServer.launch(tls: (certificates.certificate, certificates.key))
        #expect(server.url.hasPrefix("https://"))
        let daemon = try await DaemonHarness.launch(extraConfiguration: configuration(server, caFile: certificates.ca))
        try await accrue(daemon, count: 4)
        try await waitUntil("the outbox is drained over HTTPS", timeout: 60) {
            try await daemon.request("GET", "/v1/sync").json()["backlog"] as? Int == 0
        }
        #expect(try await server.state().transactions.count == 4)
    }

    @Test func withoutTheChainsCAUploadsFailAndStayQueued() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try TestCertificates(in: directory)
        let server = try await CentralServer.launch(tls: (certificates.certificate, certificates.key))
        for trusted in [nil, certificates.strangerCA] {
            let daemon = try await DaemonHarness.launch(extraConfiguration: configuration(server, caFile: trusted))
            try await accrue(daemon, count: 2)
            var status: [String: Any] = [:]
            try await waitUntil("the upload fails at the handshake", timeout: 60) {
                status = try await daemon.request("GET", "/v1/sync").json()
                return status["lastError"] is String
            }
            #expect(status["backlog"] as? Int == 2, "nothing is lost: \(status)")
            #expect(try await daemon.stop() == 0)
        }
        #expect(try await server.state().transactions.isEmpty, "no upload got through to an untrusted server")
    }

    @Test func aCAFileWithNoCertificateStopsTheStart() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notPEM = directory.appendingPathComponent("ca.pem")
        try "this is not a certificate\n".write(to: notPEM, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("posagent.toml")
        try "[sync]\nserver = \"https://127.0.0.1:9\"\nca_file = \"\(notPEM.path)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try await PosAgentProcess.run([
            "daemon", "--config", config.path, "--database", directory.appendingPathComponent("ledger.sqlite").path,
            "--socket", directory.appendingPathComponent("posagent.sock").path,
        ])
        #expect(result.status == 78)
        #expect(result.stderr.contains("sync.ca_file"), "\(result.stderr)")
    }
}
}
