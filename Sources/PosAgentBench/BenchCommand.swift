import ArgumentParser
import Foundation

@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posagent-bench",
        abstract: "Benchmarks that print figures measured in one run, beside a baseline measured in the same run.",
        subcommands: [LedgerBench.self, CounterBench.self, SyncBench.self, CentralBench.self, PromptDuringImagesBench.self, PlainUploadCommand.self]
    )
}

struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Durable accrual rate against raw SQLite inserts, and history and statistics latency on a large ledger.")

    @Option(help: "Single-row commits for the raw SQLite baseline and accruals for the agent.")
    var commits = 2_000

    @Option(help: "Alternating rounds the commits are split into.")
    var rounds = 10

    @Option(help: "Transactions in the ledger the history query runs on.")
    var historyTransactions = 1_000_000

    @Option(help: "One-day history queries to time.")
    var historyQueries = 500

    @Option(help: "Directory for the benchmark's databases (default: a new temporary directory, removed afterwards).")
    var directory: String?

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift run -c release posagent-bench ledger` for real figures\n")
        #endif
        let workspace = try BenchWorkspace(directory: directory)
        defer { workspace.cleanUp() }

        print("== Durable single-row commits (WAL, synchronous=FULL), \(commits) each, in \(rounds) alternating rounds")
        let rawInsert = try RawSQLiteInsert(path: workspace.path("raw.sqlite"))
        let accruals = try AccrualThroughput(path: workspace.path("agent.sqlite"))
        var raw = Latencies(), agent = Latencies()
        // Alternating rounds expose both to the same moments of a shared, noisy machine.
        for round in 0..<rounds {
            let share = commits / rounds + (round < commits % rounds ? 1 : 0)
            try rawInsert.run(commits: share, into: &raw)
            try await accruals.run(accruals: share, into: &agent)
        }
        print(raw.line("raw SQLite INSERT"))
        print(agent.line("agent accrual"))
        let ratio = agent.perSecond / raw.perSecond
        print("target: agent/raw rate ≥ 0.5: ratio \(format(ratio, 3)), \(ratio >= 0.5 ? "met" : "NOT met")")

        print("\n== One-day history and statistics on a ledger of \(historyTransactions) transactions")
        let history = try await HistoryLatency.run(
            path: workspace.path("history.sqlite"), transactions: historyTransactions, queries: historyQueries)
        for line in history { print(line) }
    }
}

/// Where the benchmark keeps its databases.
struct BenchWorkspace {
    let url: URL
    let temporary: Bool

    init(directory: String?) throws {
        if let directory {
            url = URL(fileURLWithPath: directory)
            temporary = false
        } else {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-bench-\(UUID().uuidString)")
            temporary = true
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() {
        if temporary { try? FileManager.default.removeItem(at: url) }
    }
}
