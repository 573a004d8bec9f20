import Foundation
import Testing

/// A batch caught inside serve's PostgreSQL transaction (the store's row locked by the test) when the agent,
/// `serve` or PostgreSQL itself is killed: after restarts, every transaction is stored once.
extension DaemonSuites {
@Suite(.serialized, .enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralCrashTests {
    @Test func theAgentKilledMidBatchSendsItAgainAndItIsStoredOnce() async throws {
        let central = try await RealCentral.launch()
        let token = try await central.addStore("crash-01")
        let proxy = try await FaultProxy.launch(before: central)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "crash-01", token: token, server: proxy.url))
        let lock = try await StoreRowLock.hold("crash-01", in: central)
        try await SyncTests().accrue(daemon, payments: 2_000..<2_030)
        try await lock.waitForABatch()
        #expect(try await daemon.stop(SIGKILL) != 0)
        try await lock.release()
        // serve finishes the batch for an agent that is gone: it is stored, its answer lost, sent again after the restart.
        try await waitUntil("the killed agent's batch is stored", timeout: 30) { try await central.count("store_transaction") > 0 }
        try await daemon.restart()
        try await SyncTests().accrue(daemon, payments: 2_030..<2_040)
        _ = try await SyncTests().drained(daemon)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "crash-01", count: 40)
    }

    @Test func serveKilledMidBatchAndStartedAgainOnItsPortLosesNothing() async throws {
        let central = try await RealCentral.launch()
        let token = try await central.addStore("crash-02")
        let proxy = try await FaultProxy.launch(before: central)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "crash-02", token: token, server: proxy.url))
        let lock = try await StoreRowLock.hold("crash-02", in: central)
        try await SyncTests().accrue(daemon, payments: 3_000..<3_030)
        try await lock.waitForABatch()
        try await central.killServe()
        try await lock.release()
        try await SyncTests().accrue(daemon, payments: 3_030..<3_050)
        try await waitUntil("the agent finds serve gone", timeout: 30) { try await proxy.state().unreachable > 1 }
        #expect(try await central.count("store_transaction") == 0, "the killed batch's transaction was rolled back")
        try await central.startServe()
        _ = try await SyncTests().drained(daemon)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "crash-02", count: 50)
    }

    @Test func postgresCrashedMidBatchAndRecoveredLosesNothing() async throws {
        // A cluster of its own: the other suites' databases are not disturbed.
        let cluster = try await PostgresCluster.own()
        let central = try await RealCentral.launch(on: cluster)
        let token = try await central.addStore("crash-03")
        let proxy = try await FaultProxy.launch(before: central)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "crash-03", token: token, server: proxy.url))
        let lock = try await StoreRowLock.hold("crash-03", in: central)
        try await SyncTests().accrue(daemon, payments: 4_000..<4_030)
        try await lock.waitForABatch()
        try await cluster.crash()
        try await lock.release()
        try await SyncTests().accrue(daemon, payments: 4_030..<4_050)
        // serve holds the request while its pool finds no database: the agent's 2 s run out first.
        try await waitUntil("the agent's uploads fail without the database", timeout: 30) {
            try await daemon.request("GET", "/v1/sync").json()["lastError"] is String
        }
        #expect(try await proxy.state().statuses["200", default: 0] == 0, "nothing was answered while PostgreSQL was down")
        try await cluster.start()
        _ = try await SyncTests().drained(daemon, within: 120)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "crash-03", count: 50)
    }
}
}
