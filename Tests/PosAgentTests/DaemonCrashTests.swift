import Foundation
import Testing

/// SIGKILL at random moments during a stream of accruals: every acknowledged accrual must survive exactly
/// once, a retried unacknowledged one must not double, and the ledger must verify clean.
extension DaemonSuites {
@Suite(.serialized) struct DaemonCrashTests {
    @Test func acknowledgedAccrualsSurviveKillsExactlyOnce() async throws {
        let daemon = try await DaemonHarness.launch()
        var generator = SystemRandomNumberGenerator()
        var acknowledged: Set<Int> = []
        var next = 0
        for _ in 0..<20 {
            let victim = daemon.process
            let delay = Double.random(in: 0.02...0.4, using: &generator)
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { kill(victim.processIdentifier, SIGKILL) }
            while victim.isRunning {
                let payment = 1_000 + next
                let reply = try await daemon.request("POST", "/v1/accruals", body: body(payment), key: "crash-\(next)")
                guard reply.status == 200 else { break }  // the kill landed mid-request: unacknowledged
                acknowledged.insert(payment)
                next += 1
            }
            try await offPool { victim.waitUntilExit() }
            try await daemon.restart()
            // The POS retries the request it got no answer for, with the same key.
            let retry = try await daemon.request("POST", "/v1/accruals", body: body(1_000 + next), key: "crash-\(next)")
            #expect(retry.status == 200, "\(retry.body)")
            acknowledged.insert(1_000 + next)
            next += 1
        }
        let payments = try await LedgerReading.read(daemon).transactions.compactMap { $0["payment"] as? Int }
        #expect(acknowledged.count >= 20)
        #expect(payments.count == Set(payments).count, "no accrual is recorded twice")
        #expect(Set(payments) == acknowledged, "every acknowledged accrual is present, and nothing else")
        let verify = try await daemon.request("GET", "/v1/verify").json()
        #expect((verify["issues"] as? [Any])?.isEmpty == true, "\(verify)")
    }

    private func body(_ payment: Int) -> String {
        #"{"member":{"phone":"010-4000-\#(String(format: "%04d", payment % 10_000))"},"payment":\#(payment)}"#
    }
}
}
