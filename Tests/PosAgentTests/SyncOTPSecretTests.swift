import Foundation
import Loyalty
import Testing

/// Members' one-time-code secrets fetched by the real daemon from a real HTTP server on loopback: pages,
/// refusals, a failing server, a restart; and a code from a fetched secret is accepted at the counter.
extension DaemonSuites {
@Suite(.serialized) struct SyncOTPSecretTests {
    static let seeds = ["GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"]
    let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]

    static func secret(_ phone: String, _ seed: String, store: String = "gangnam-01") -> String {
        #"{"storeId":"\#(store)","member":{"phone":"\#(phone)"},"secret":"\#(seed)","algorithm":"SHA1","digits":6,"period":30}"#
    }

    func launch(_ server: CentralServer, pageSize: Int = 40) async throws -> DaemonHarness {
        let key = try await DaemonOTPTests.keyFile()
        let sync = server.syncSection(batchSize: pageSize)
        return try await DaemonHarness.launch(extraConfiguration: key.configuration + sync)
    }

    /// The daemon's account of the download, once `condition` holds.
    func secrets(_ daemon: DaemonHarness, until what: String, _ condition: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        var secrets: [String: Any] = [:]
        try await waitUntil(what, timeout: 30) {
            secrets = try await daemon.request("GET", "/v1/sync").json()["otpSecrets"] as? [String: Any] ?? [:]
            return condition(secrets)
        }
        return secrets
    }

    /// A code from `seed` for `phone` collects a stamp, approved by kim.
    func collectsAStamp(_ daemon: DaemonHarness, phone: String, seed: String, key: String) async throws -> DaemonHarness.Reply {
        try await DaemonOTPTests.awayFromAStepBoundary()
        let code = DaemonOTPTests.code(try OTPSecret(base32: seed))
        return try await daemon.request("POST", "/v1/otp/actions", body: DaemonOTPTests.action(code, #"{"collectStamps":1}"#, phone: phone),
                                        key: key, headers: kim, as: .cashier)
    }

    @Test func pagesOfSecretsArriveRefusalsAreCountedAndTheirCodesAreAccepted() async throws {
        let server = try await CentralServer.launch()
        let feed = [
            Self.secret("010-2000-0001", Self.seeds[0]),
            Self.secret("010-2000-0002", Self.seeds[1], store: "mapo-02"),
            Self.secret("010-2000-0003", Self.seeds[1]),
            Self.secret("010-2000-0004", "not-base32!"),
            Self.secret("010-2000-0005", Self.seeds[2]),
        ]
        try await server.inject(#"{"otp_secrets": [\#(feed.joined(separator: ","))]}"#)
        let daemon = try await launch(server, pageSize: 2)
        let secrets = try await self.secrets(daemon, until: "five secrets are taken") { $0["imported"] as? Int == 3 && $0["refused"] as? Int == 2 }
        #expect(secrets["cursor"] as? String == "5")
        #expect(secrets["lastRefusalCode"] as? String == "otp_invalid_secret")

        // Three pages of two from the beginning, then polls after the last secret.
        let fetches = try await server.state().secretFetches
        #expect(fetches.prefix(3).map { $0["after"] as? String } == [nil, "2", "4"])
        #expect(fetches.allSatisfy { $0["limit"] as? Int == 2 && $0["store"] as? String == "gangnam-01" })
        #expect(fetches.dropFirst(3).allSatisfy { $0["after"] as? String == "5" })

        #expect(try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#).status == 201)
        let collected = try await collectsAStamp(daemon, phone: "010-2000-0003", seed: Self.seeds[1], key: "c1")
        #expect(collected.status == 200, "\(collected.body)")
        #expect((try collected.json()["member"] as? [String: Any])?["stamps"] as? Int == 1)
        let wrongStore = try await collectsAStamp(daemon, phone: "010-2000-0002", seed: Self.seeds[1], key: "c2")
        #expect(wrongStore.code == "member_not_found", "another store's secret neither enrolled the member nor was imported")

        let audit = try await daemon.request("GET", "/v1/audit").json()["entries"] as? [[String: Any]] ?? []
        #expect(audit.filter { $0["action"] as? String == "otp_imported" }.count == 3)
        let refused = audit.filter { $0["action"] as? String == "otp_import_refused" }
        #expect(Set(refused.compactMap { $0["subject"] as? String }) == ["phone 010-****-0002", "phone 010-****-0004"])
        #expect(refused.allSatisfy { $0["caller"] as? String == "sync from \(server.url)" })

        let status = try await PosAgentProcess.run(["sync", "status", "--socket", daemon.socket])
        #expect(status.stdout.contains("one-time-code secrets from the server: 3 imported, 2 refused"), "\(status.stdout)")
        let log = daemon.log()
        #expect(log.contains("010-****-0004") && !log.contains("010-2000-0004"), "refusals are logged with the phone masked")
        #expect(!Self.seeds.contains { log.contains($0) } && !log.contains("not-base32"), "no secret is logged")
    }

    @Test func aFailingServerIsRetriedAndARestartGoesOnFromTheCursor() async throws {
        let server = try await CentralServer.launch()
        try await server.inject(#"{"otp_secrets": [\#(Self.secret("010-3000-0001", Self.seeds[0]))]}"#)
        let daemon = try await launch(server)
        _ = try await secrets(daemon, until: "the first secret is taken") { $0["imported"] as? Int == 1 }

        try await server.inject(#"{"secrets_fail": 3, "status": 503}"#)
        try await server.inject(#"{"otp_secrets": [\#(Self.secret("010-3000-0002", Self.seeds[2]))]}"#)
        let failing = try await secrets(daemon, until: "the failure is shown") { ($0["lastError"] as? String)?.contains("503") == true }
        #expect(failing["imported"] as? Int == 1)
        let recovered = try await secrets(daemon, until: "the second secret is taken") { $0["imported"] as? Int == 2 }
        #expect(recovered["lastError"] == nil || recovered["lastError"] is NSNull)
        #expect(try await server.state().secretFetches.filter { $0["status"] as? Int == 503 }.count == 3)

        #expect(try await daemon.stop() == 0)
        let before = try await server.state().secretFetches.count
        try await daemon.restart()
        try await waitUntil("the restarted daemon fetches", timeout: 30) { try await server.state().secretFetches.count >= before + 2 }
        let afterRestart = try await server.state().secretFetches.dropFirst(before)
        #expect(afterRestart.allSatisfy { $0["after"] as? String == "2" }, "the restarted daemon goes on from its cursor")
        let secrets = try await daemon.request("GET", "/v1/sync").json()["otpSecrets"] as? [String: Any]
        #expect(secrets?["imported"] as? Int == 2, "nothing was imported twice")

        #expect(try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#).status == 201)
        let collected = try await collectsAStamp(daemon, phone: "010-3000-0002", seed: Self.seeds[2], key: "r1")
        #expect(collected.status == 200, "\(collected.body)")
    }

    @Test func withoutAKeyNothingIsFetchedUntilAReloadBringsOne() async throws {
        let server = try await CentralServer.launch()
        try await server.inject(#"{"otp_secrets": [\#(Self.secret("010-4000-0001", Self.seeds[0]))]}"#)
        let missing = "/tmp/pa-no-key-\(UUID().uuidString.prefix(8))"
        let store = "\n[store]\nid = \"gangnam-01\"\n"
        let daemon = try await DaemonHarness.launch(
            extraConfiguration: store + server.syncSection() + "\n\n[otp]\nkey_file = \"\(missing)\"\n")
        #expect(try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-4000-0001"},"payment":1000}"#, key: "k1").status == 200)
        try await waitUntil("the uploader delivers", timeout: 30) { try await server.state().transactions.count == 1 }
        #expect(try await server.state().secretFetches.isEmpty)
        let log = daemon.log()
        #expect(log.components(separatedBy: "secrets are not fetched from the central server").count == 2, "said once: \(log)")
        #expect(log.contains("posagent otp init-key"))

        // The key made and reloaded (systemctl reload), the next fetch brings the secret, sealed with that key.
        let created = try await PosAgentProcess.run(["otp", "init-key", "--key-file", missing])
        #expect(created.status == 0, "\(created.stderr)")
        kill(daemon.process.processIdentifier, SIGHUP)
        _ = try await secrets(daemon, until: "the secret is taken after the reload") { $0["imported"] as? Int == 1 }
        #expect(try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#).status == 201)
        let collected = try await collectsAStamp(daemon, phone: "010-4000-0001", seed: Self.seeds[0], key: "after-reload")
        #expect(collected.status == 200, "\(collected.body)")
    }

    @Test func syncNowFetchesSecretsWithoutWaitingForTheInterval() async throws {
        let server = try await CentralServer.launch()
        let key = try await DaemonOTPTests.keyFile()
        let sync = server.syncSection(intervalSeconds: 3600)
        let daemon = try await DaemonHarness.launch(extraConfiguration: key.configuration + sync)
        try await waitUntil("the first fetch, at start") { try await server.state().secretFetches.count == 1 }
        try await server.inject(#"{"otp_secrets": [\#(Self.secret("010-2000-0009", Self.seeds[0]))]}"#)

        let now = try await PosAgentProcess.run(["sync", "now", "--socket", daemon.socket])
        #expect(now.status == 0, "\(now.stderr)")
        let secrets = try await self.secrets(daemon, until: "the secret is imported long before the hour") { $0["imported"] as? Int == 1 }
        #expect(secrets["cursor"] as? String == "1")
    }

    @Test func otpSecretsFalseTurnsTheDownloadOff() async throws {
        let server = try await CentralServer.launch()
        let key = try await DaemonOTPTests.keyFile()
        let daemon = try await DaemonHarness.launch(extraConfiguration: key.configuration + server.syncSection() + "\notp_secrets = false\n")
        #expect(try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-4000-0002"},"payment":1000}"#, key: "k2").status == 200)
        try await waitUntil("the uploader delivers", timeout: 30) { try await server.state().transactions.count == 1 }
        #expect(try await server.state().secretFetches.isEmpty)
        #expect(daemon.log().contains("otp_secrets = false"))
    }
}
}
