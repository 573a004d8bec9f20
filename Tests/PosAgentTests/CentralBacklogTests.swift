import Foundation
import Testing

/// A shop offline for a long time, its backlog drained by the real daemon into the real `posagent-central
/// serve` on PostgreSQL: every queued transaction stored once under its id and seq, both chains clean.
extension DaemonSuites {
@Suite(.enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralBacklogTests {
    @Test func aHundredThousandTransactionBacklogDrainsIntoTheRealServer() async throws {
        let count = SyncBacklogTests.backlog
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-e2e-backlog-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path
        let queued = try await SyncBacklogTests().queueBacklog(at: path, count: count)
        try #require(queued.count == count)

        let central = try await RealCentral.launch()
        let token = try await central.addStore("backlog-01")
        let daemon = try await DaemonHarness.launch(
            extraConfiguration: central.syncSection(store: "backlog-01", token: token, batchSize: SyncBacklogTests.batchSize, timeoutSeconds: 30),
            database: path)
        let status = try await SyncTests().drained(daemon, within: 600)
        #expect((status["deadLetters"] as? [Any])?.count == 0, "\(status["deadLetters"] ?? "no dead letter list")")

        let rows = try await central.expectHoldsExactly(theLedgerOf: daemon, as: "backlog-01", count: count, agentVerify: false)
        #expect(Dictionary(rows.map { ($0.id, $0.seq) }, uniquingKeysWith: { a, _ in a }) == queued,
                "the outbox read back is the queue the import made")
        #expect(try await central.count("store_transaction") == count, "no other store holds anything")
        #expect(try await daemon.stop() == 0)
        // On the file, not over the socket: a debug build takes about 140 s for 100,000 transactions.
        let agent = try await PosAgentProcess.run(["ledger", "verify", "--database", path])
        #expect(agent.status == 0 && agent.stdout.contains("The ledger is consistent."), "posagent ledger verify: \(agent.stdout)\(agent.stderr)")
    }
}
}
