import Foundation
import SyncWire
import TestCertificates
import Testing
@testable import PosAgentCentral

/// `serve` over HTTPS with a chain's own certificate: a client trusting the chain's CA uploads, any other
/// client is refused at the handshake, and a wrong TLS setting stops `serve` with the file named.
@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct ServeTLSTests {
    private static func folder() throws -> URL {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func tls(_ certificates: TestCertificates, key: URL? = nil) -> String {
        "tls_certificate = \"\(certificates.certificate.path)\"\ntls_key = \"\((key ?? certificates.key).path)\""
    }

    /// curl's exit status and the HTTP status it printed (0 when no answer came).
    private func curl(_ arguments: [String]) throws -> (exit: Int32, status: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Int(String(decoding: printed, as: UTF8.self)) ?? 0)
    }

    @Test func aClientTrustingTheChainsCAUploadsAndOthersAreRefused() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try TestCertificates(in: directory)
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database, server: Self.tls(certificates))
            let body = directory.appendingPathComponent("body.json")
            let rows = chain(count: 3)
            try JSONEncoder().encode(UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: rows))
                .write(to: body)
            let upload = ["-X", "POST", "-H", "Authorization: Bearer \(token.text)", "-H", "Content-Type: application/json",
                          "--data-binary", "@\(body.path)"]
            let https = "https://127.0.0.1:\(serve.port)/v1/stores/s1/transactions"

            #expect(try curl(upload + ["--cacert", certificates.ca.path, https]) == (0, 200))
            let untrusted = try curl(upload + [https])
            #expect(untrusted.exit == 60 && untrusted.status == 0, "a client with only the system's roots does not trust the chain's certificate")
            let stranger = try curl(upload + ["--cacert", certificates.strangerCA.path, https])
            #expect(stranger.exit == 60 && stranger.status == 0, "another CA does not vouch for the server")
            let plain = try curl(upload + ["http://127.0.0.1:\(serve.port)/v1/stores/s1/transactions"])
            #expect(plain.status != 200, "plain HTTP is not served on the HTTPS port")
            let stored = try await database.client { client in
                let result = try await client.query("SELECT count(*)::bigint FROM store_transaction", logger: database.logger)
                for try await count in result.decode(Int64.self) { return count }
                return -1
            }
            #expect(stored == 3, "only the trusted upload was stored")
        }
    }

    @Test func aWrongTLSSettingStopsServeNamingTheFile() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificates = try TestCertificates(in: directory)
        try await TestDatabase.with { database in
            let mismatched = try await runCentral(database, ["serve"], server: Self.tls(certificates, key: directory.appendingPathComponent("ca.key")))
            #expect(mismatched.status != 0)
            #expect(mismatched.errors.contains("does not go with the certificate"), "\(mismatched.errors)")

            let missing = directory.appendingPathComponent("absent.pem")
            let absent = try await runCentral(
                database, ["serve"], server: "tls_certificate = \"\(missing.path)\"\ntls_key = \"\(certificates.key.path)\"")
            #expect(absent.status != 0)
            #expect(absent.errors.contains("server.tls_certificate \(missing.path)"), "\(absent.errors)")

            let half = try await runCentral(database, ["serve"], server: "tls_certificate = \"\(certificates.certificate.path)\"")
            #expect(half.status != 0)
            #expect(half.errors.contains("go together"), "\(half.errors)")
        }
    }
}
