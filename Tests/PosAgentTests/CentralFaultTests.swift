import Foundation
import Testing

/// The real daemon uploading to the real `posagent-central serve` through a proxy that fails on command:
/// after the faults stop, every transaction is stored once and the server holds exactly the ledger's.
extension DaemonSuites {
@Suite(.serialized, .enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralFaultTests {
    @Test func failuresDelaysResetsAndLostAnswersLeaveEveryTransactionStoredOnce() async throws {
        let central = try await RealCentral.launch()
        let token = try await central.addStore("faults-01")
        let proxy = try await FaultProxy.launch(before: central)
        // One fault for each of the first uploads, in this order: two 503s, a delay past the agent's 2 s,
        // a request cut off and reset, an answer reset before its body, an answer never sent.
        try await proxy.inject(#"{"fail": 2, "status": 503, "delay": 1, "seconds": 4, "reset": 1, "reset_answer": 1, "lose_answer": 1}"#)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "faults-01", token: token, server: proxy.url))
        for stage in 0..<5 {
            try await SyncTests().accrue(daemon, payments: (1_000 + stage * 40)..<(1_040 + stage * 40))
        }
        try await waitUntil("every fault was done", timeout: 120) { try await proxy.state().faultsDone }
        _ = try await SyncTests().drained(daemon, within: 120)

        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "faults-01", count: 200)
        let state = try await proxy.state()
        #expect(state.uploads > state.statuses["200", default: 0], "the faults made the agent send again: \(state)")
        #expect(daemon.log().contains("503"), "the failures are logged")
    }
}
}
