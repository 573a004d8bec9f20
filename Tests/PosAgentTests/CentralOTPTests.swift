import Foundation
import Loyalty
import Testing

/// A member's secret made by `posagent-central member otp-issue`, fetched and imported by the real daemon
/// from the real `serve`: a code computed from the printed secret is accepted at the shop once.
extension DaemonSuites {
@Suite(.enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralOTPTests {
    let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]

    @Test func aSecretIssuedCentrallyGivesACodeTheShopAcceptsOnce() async throws {
        let central = try await RealCentral.launch()
        // DaemonOTPTests.keyFile() names the shop gangnam-01.
        let token = try await central.addStore("gangnam-01")
        let issued = try await central.run(["member", "otp-issue", "010-5000-0001", "--store", "gangnam-01"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let lines = issued.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2 && lines[0].hasPrefix("otpauth://totp/"), "\(issued.stdout)")
        let secret = try OTPSecret(base32: lines[1])

        let key = try await DaemonOTPTests.keyFile()
        let daemon = try await DaemonHarness.launch(extraConfiguration: key.configuration + central.syncSection(store: "gangnam-01", token: token))
        try await waitUntil("the secret is imported", timeout: 30) {
            let secrets = try await daemon.request("GET", "/v1/sync").json()["otpSecrets"] as? [String: Any]
            return secrets?["imported"] as? Int == 1
        }
        #expect(try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#).status == 201)
        try await DaemonOTPTests.awayFromAStepBoundary()
        let code = DaemonOTPTests.code(secret)
        let action = DaemonOTPTests.action(code, #"{"collectStamps":1}"#, phone: "010-5000-0001")
        let collected = try await daemon.request("POST", "/v1/otp/actions", body: action, key: "otp-1", headers: kim, as: .cashier)
        #expect(collected.status == 200, "\(collected.body)")
        #expect((try collected.json()["member"] as? [String: Any])?["stamps"] as? Int == 1)
        let again = try await daemon.request("POST", "/v1/otp/actions", body: action, key: "otp-2", headers: kim, as: .cashier)
        #expect(again.status == 409 && again.code == "otp_replayed", "\(again.body)")
        #expect(!daemon.log().contains(lines[1]), "the secret is never logged")

        // The stamp goes up to the server like any transaction.
        _ = try await SyncTests().drained(daemon)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "gangnam-01", count: 1)
    }
}
}
