import Foundation
import Testing

extension RealCentral {
    /// The agent's `[sync]` section for `store`, uploading to `server` (serve itself by default, or a proxy)
    /// and retrying fast: a request may take 2 s, a failure waits at most 1 s.
    func syncSection(store: String, token: URL, server: String? = nil, batchSize: Int = 40, timeoutSeconds: Int = 2) -> String {
        """

        [sync]
        server = "\(server ?? url)"
        store_id = "\(store)"
        agent_id = "pos-\(store)"
        token_file = "\(token.path)"
        interval_seconds = 1
        batch_size = \(batchSize)
        timeout_seconds = \(timeoutSeconds)
        max_backoff_seconds = 1
        """
    }

    /// Once the agent has drained: every transaction its ledger queued acknowledged, none dead, the server
    /// holding exactly those for `store` (each once, under its id and seq, with its hash and payment) and no
    /// rejection, `posagent-central verify` clean and `posagent verify` clean. Returns the ledger's rows.
    @discardableResult
    /// `agentVerify` false leaves `posagent verify` to the caller (a ledger too large for the socket's 120 s).
    func expectHoldsExactly(theLedgerOf daemon: DaemonHarness, as store: String, count: Int? = nil, agentVerify: Bool = true,
                            sourceLocation: SourceLocation = #_sourceLocation) async throws -> [UploadedRow] {
        let outbox = try await daemon.outbox()
        let stored = try await self.stored(store: store)
        if let count { #expect(outbox.rows.count == count, "the ledger queued \(outbox.rows.count)", sourceLocation: sourceLocation) }
        #expect(outbox.acknowledged == outbox.rows.count && outbox.dead == 0,
                "\(outbox.waiting) waiting, \(outbox.dead) dead letters", sourceLocation: sourceLocation)
        let differences = UploadedRow.differences(queued: outbox.rows, stored: stored)
        #expect(differences.isEmpty, "store \(store): \(differences.joined(separator: "; "))", sourceLocation: sourceLocation)
        #expect(try await self.count("store_rejection") == 0, "nothing was rejected", sourceLocation: sourceLocation)

        let central = try await run(["verify"])
        #expect(central.status == 0 && central.stdout.contains("no faults"), "posagent-central verify: \(central.stdout)",
                sourceLocation: sourceLocation)
        guard agentVerify else { return outbox.rows }
        let agent = try await PosAgentProcess.run(["verify", "--socket", daemon.socket])
        #expect(agent.status == 0 && agent.stdout.contains("The ledger is consistent."), "posagent verify: \(agent.stdout)\(agent.stderr)",
                sourceLocation: sourceLocation)
        return outbox.rows
    }
}
