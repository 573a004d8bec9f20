import Foundation
import Testing

/// Several shops on one real central server: each uploads only as itself, into rows of its own, once.
extension DaemonSuites {
@Suite(.serialized, .enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralShopsTests {
    @Test func twoShopsUploadingAtOnceEachGetTheirOwnRowsOnce() async throws {
        let central = try await RealCentral.launch()
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-e2e-shops-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The same seqs 1…5000 in both shops, so only the store tells their rows apart.
        var daemons: [String: DaemonHarness] = [:]
        for store in ["mapo-01", "jongno-02"] {
            let path = directory.appendingPathComponent("\(store).sqlite").path
            _ = try await SyncBacklogTests().queueBacklog(at: path, count: 5_000)
            let token = try await central.addStore(store)
            daemons[store] = try await DaemonHarness.launch(
                extraConfiguration: central.syncSection(store: store, token: token, batchSize: 250, timeoutSeconds: 30), database: path)
        }
        for daemon in daemons.values { _ = try await SyncTests().drained(daemon, within: 240) }
        for (store, daemon) in daemons {
            try await central.expectHoldsExactly(theLedgerOf: daemon, as: store, count: 5_000)
        }
        #expect(try await central.count("store_transaction") == 10_000)
    }

    @Test func aReplayedBatchIsAnsweredAsDuplicatesAndStoresNothing() async throws {
        let central = try await RealCentral.launch()
        let token = try await central.addStore("replay-01")
        let proxy = try await FaultProxy.launch(before: central)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "replay-01", token: token, server: proxy.url))
        try await SyncTests().accrue(daemon, payments: 5_000..<5_025)
        _ = try await SyncTests().drained(daemon)
        let bodies = try proxy.savedBodies()
        try #require(!bodies.isEmpty)
        let before = try await central.count("store_transaction")
        for body in bodies {
            let answer = try await post(body, to: "\(central.url)/v1/stores/replay-01/transactions", token: token)
            #expect(answer.status == 200)
            let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] ?? [:]
            let sent = try JSONSerialization.jsonObject(with: Data(contentsOf: body)) as? [String: Any] ?? [:]
            let ids = (sent["transactions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect((json["accepted"] as? [String])?.isEmpty == true, "\(answer.body)")
            #expect((json["rejected"] as? [Any])?.isEmpty == true, "\(answer.body)")
            #expect(json["duplicates"] as? [String] == ids, "every transaction of the replay is a duplicate")
        }
        #expect(try await central.count("store_transaction") == before)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "replay-01", count: 25)
    }

    @Test func anotherShopsTokenOrStoreIdIsRefusedAndTheAgentKeepsItsOutbox() async throws {
        let central = try await RealCentral.launch()
        let tokenA = try await central.addStore("shop-a")
        let tokenB = try await central.addStore("shop-b")
        let proxy = try await FaultProxy.launch(before: central)
        // Shop B's agent with shop A's token.
        let wrong = URL(fileURLWithPath: tokenB.path + "-wrong")
        try FileManager.default.copyItem(at: tokenA, to: wrong)
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "shop-b", token: wrong, server: proxy.url))
        try await SyncTests().accrue(daemon, payments: 6_000..<6_010)
        var status: [String: Any] = [:]
        try await waitUntil("the agent says the server refused it", timeout: 30) {
            status = try await daemon.request("GET", "/v1/sync").json()
            return (status["lastError"] as? String)?.contains("403") == true
        }
        #expect(status["backlog"] as? Int == 10, "the outbox keeps everything: \(status)")
        #expect(try await proxy.state().statuses["403", default: 0] >= 1)

        // The agent's own body (agent.storeId shop-b) posted to shop A's path with A's token: storeId differs from the path.
        let body = try #require(try proxy.savedBodies().first)
        let forged = try await post(body, to: "\(central.url)/v1/stores/shop-a/transactions", token: tokenA)
        #expect(forged.status == 403, "\(forged.body)")
        #expect(forged.body.contains("agent.storeId"), "\(forged.body)")
        #expect(try await post(body, to: "\(central.url)/v1/stores/shop-b/transactions", token: tokenA).status == 403)
        #expect(try await central.count("store_transaction") == 0, "nothing stored for either shop")

        // With its own token (read at every upload) the same outbox goes up as shop B's.
        try FileManager.default.removeItem(at: wrong)
        try FileManager.default.copyItem(at: tokenB, to: wrong)
        _ = try await SyncTests().drained(daemon)
        try await central.expectHoldsExactly(theLedgerOf: daemon, as: "shop-b", count: 10)
        #expect(try await central.count("store_transaction", store: "shop-a") == 0)
    }

    /// Posts a saved upload body as it is, with `token`, as curl would from an operator's shell.
    func post(_ body: URL, to url: String, token: URL) async throws -> (status: Int, body: String) {
        let bearer = try String(contentsOf: token, encoding: .utf8)
        let result = try await PosAgentProcess.run(
            ["-s", "-S", "--max-time", "30", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(bearer)",
             "-H", "Content-Type: application/json", "--data-binary", "@\(body.path)", url],
            executable: URL(fileURLWithPath: "/usr/bin/curl"))
        guard let split = result.stdout.lastIndex(of: "\n") else { throw DaemonHarnessError(description: "curl gave no status: \(result.stderr)") }
        return (Int(result.stdout[result.stdout.index(after: split)...]) ?? 0, String(result.stdout[..<split]))
    }
}
}
