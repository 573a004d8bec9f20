import ArgumentParser
import Foundation

/// `posagent-bench sync`: the daemon draining an upload backlog, beside the same bytes posted plainly.
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Time to drain an upload backlog through the daemon's uploader against plain batched posts of the same bytes.")

    @Option(help: "Transactions in the backlog.")
    var transactions = 100_000

    @Option(help: "Transactions per request ([sync] batch_size).")
    var batchSize = 500

    @Option(help: "Alternating rounds: the daemon drains a fresh copy of the backlog, then the plain client posts its bytes.")
    var rounds = 3

    @Option(help: "Directory for the benchmark's files (default: a new temporary directory, removed afterwards).")
    var directory: String?

    /// The target: the agent's bookkeeping (outbox reads, JSON, marking sent) at most halves the wire's rate.
    static let targetRatio = 0.5

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift build -c release --product posagent` and `swift run -c release posagent-bench sync` for real figures\n")
        #endif
        guard transactions > 0, batchSize > 0, rounds > 0 else { throw ValidationError("transactions, batch size and rounds must be positive") }
        let workspace = try BenchWorkspace(directory: directory)
        defer { workspace.cleanUp() }
        print("daemon: \(try DaemonProcess.binary().path)")
        let backlog = workspace.path("backlog.sqlite")
        let buildSeconds = try await LedgerFiles.createBacklog(at: backlog, transactions: transactions)
        print("built a backlog of \(transactions) unsent transactions in \(format(buildSeconds, 1)) s (\(LedgerFiles.size(of: backlog)))")

        let server = LoopbackCentralServer()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, listening) = AsyncStream.makeStream(of: Int.self)
            group.addTask {
                try await server.run { port in
                    listening.yield(port)
                    listening.finish()
                }
            }
            var next = ports.makeAsyncIterator()
            guard let port = await next.next(), port > 0 else { throw CounterBenchError("the loopback server did not start") }
            let sides = SyncRounds(server: server, port: port, workspace: workspace, backlog: backlog,
                                   transactions: transactions, batchSize: batchSize)
            try await measure(sides)
            group.cancelAll()
        }
    }

    private func measure(_ sides: SyncRounds) async throws {
        print("\n== Drain of \(transactions) transactions to a central server on 127.0.0.1:\(sides.port), batches of \(batchSize), in \(rounds) rounds alternating the daemon and a plain client")
        print("server: in this process (Hummingbird on swift-nio), one handler for both sides doing the least a central server")
        print("  must: find each transaction's id and seq, keep the ids it has not seen, answer which were accepted; a run is")
        print("  timed by the server, from the first upload's arrival to the last answer")
        print("load average at the start (this machine's other work slows both sides): \(Self.loadAverage())")
        var agent: [DrainRun] = [], plain: [DrainRun] = []
        var uploads: [CentralStore.Upload] = []
        // Alternating rounds expose both sides to the same moments of a shared, noisy machine.
        for round in 0..<rounds {
            agent.append(try await sides.agent(round: round))
            if round == 0 { uploads = await sides.server.store.recorded }
            plain.append(try await sides.plain(uploads))
        }
        let bytes = uploads.reduce(0) { $0 + $1.body.readableBytes }
        let agentRate = rate(agent), plainRate = rate(plain)
        let ratio = agentRate / plainRate
        print("bytes on the wire: \(uploads.count) requests, \(format(Double(bytes) / 1_048_576, 1)) MiB of JSON per drain")
        print("agent (posagent daemon: SQLite outbox → JSON → AsyncHTTPClient → marked sent): \(summary(agent))")
        print("plain (AsyncHTTPClient alone posting the agent's recorded bodies, one batch at a time): \(summary(plain))")
        print("ratio agent/plain throughput: \(format(ratio, 2)) (target ≥ \(format(Self.targetRatio, 1))): \(ratio >= Self.targetRatio ? "met" : "NOT met")")
        print("where the time goes:")
        print("  the server's own work (find the ids, store, answer): \(share(agent)) of the agent's drains, \(share(plain)) of the plain ones")
        let pairs = zip(agent, plain).map { $1.seconds / $0.seconds }.sorted()
        print("  each round's ratio (the plain drain's time over the agent's, adjacent in time): "
            + pairs.map { format($0, 2) }.joined(separator: ", ") + "; median \(format((pairs[(pairs.count - 1) / 2] + pairs[pairs.count / 2]) / 2, 2))")
        let agentCPU = agent.compactMap(\.processCPU), plainCPU = plain.compactMap(\.processCPU)
        if !agentCPU.isEmpty, !plainCPU.isEmpty {
            print("  CPU of the uploading process per drain, start-up included (less sensitive to the machine's other work): agent "
                + agentCPU.map { format($0, 2) }.joined(separator: ", ") + " s; plain " + plainCPU.map { format($0, 2) }.joined(separator: ", ") + " s")
        }
        let spawned = agent.compactMap(\.spawnToEmptyBacklog)
        print("  daemon spawn → it reports an empty backlog (start-up and marking the last batch included): "
            + spawned.map { format($0, 2) }.joined(separator: ", ") + " s")
    }

    /// The 1, 5 and 15 minute load averages and the number of processors.
    static func loadAverage() -> String {
        let averages = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ")
        return "\(averages ?? "unknown") on \(ProcessInfo.processInfo.activeProcessorCount) processors"
    }

    private func rate(_ runs: [DrainRun]) -> Double {
        Double(transactions * runs.count) / runs.reduce(0) { $0 + $1.seconds }
    }

    private func summary(_ runs: [DrainRun]) -> String {
        "\(format(rate(runs), 0)) transactions/s (rounds: \(runs.map { format($0.seconds, 2) }.joined(separator: ", ")) s)"
    }

    private func share(_ runs: [DrainRun]) -> String {
        "\(format(100 * runs.reduce(0) { $0 + $1.serverSeconds } / runs.reduce(0) { $0 + $1.seconds }, 0)) %"
    }
}
