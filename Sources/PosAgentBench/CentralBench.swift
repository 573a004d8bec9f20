import ArgumentParser
import Foundation

/// `posagent-bench central`: the same transactions ingested through `posagent-central serve` by one agent
/// and by several at once, beside the rows inserted straight into the same schema with postgres-nio.
struct CentralBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "central",
        abstract: "Ingest through posagent-central serve (one agent, several at once) against raw postgres-nio inserts of the same rows.")

    @Option(help: "Transactions in each run.")
    var transactions = 100_000

    @Option(help: "Transactions per upload and per raw insert transaction.")
    var batchSize = 500

    @Option(help: "Agents (shops) uploading at once in the second run.")
    var agents = 10

    @Option(help: "A running PostgreSQL cluster's socket folder (default: a throwaway cluster started by scripts/central-db.sh).")
    var cluster: String?

    @Option(help: "Directory for the benchmark's files (default: a new temporary directory, removed afterwards).")
    var directory: String?

    /// The target: everything serve does per batch (HTTP, JSON, the token, the store lock, the duplicate and
    /// chain checks) at most halves the database's own insert rate.
    static let targetRatio = 0.5

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift build -c release --product posagent-central` and `swift run -c release posagent-bench central` for real figures\n")
        #endif
        guard transactions > 0, batchSize > 0, agents > 0, transactions % agents == 0 else {
            throw ValidationError("transactions, batch size and agents must be positive, and the transactions a multiple of the agents")
        }
        let workspace = try BenchWorkspace(directory: directory)
        defer { workspace.cleanUp() }
        print("central: \(try CentralTool.binary().path)")
        let database = try await BenchCluster.start(existing: cluster, workspace: workspace)
        do {
            try await measure(on: database, in: workspace)
        } catch {
            await database.stop()
            throw error
        }
        await database.stop()
    }

    private func measure(on cluster: BenchCluster, in workspace: BenchWorkspace) async throws {
        let tag = UUID().uuidString.prefix(8).lowercased()
        print("== \(transactions) transactions in batches of \(batchSize), each run on a fresh database of the central schema")

        let rawBacklog = ChainBacklog(count: transactions, stores: 1, batchSize: batchSize)
        let rawName = "bench_raw_\(tag)"
        _ = try await cluster.createDatabase(rawName, in: workspace)
        let raw = try await RawPostgresInsert(cluster: cluster, database: rawName).run(rawBacklog)
        print(line("raw postgres-nio INSERT, 1 connection", raw))

        var ratios: [(String, Double)] = []
        for shops in [1, agents] where shops == 1 || agents > 1 {
            let backlog = ChainBacklog(count: transactions, stores: shops, batchSize: batchSize)
            let name = "bench_serve\(shops)_\(tag)"
            let config = try await cluster.createDatabase(name, in: workspace)
            let tokens = try await addStores(backlog, config: config)
            let serve = try await offPool { try CentralServeProcess(config: config, log: workspace.path("\(name).log")) }
            defer { serve.stop() }
            let ingest = try await CentralIngestLoad(port: serve.port, tokens: tokens).run(backlog)
            let label = shops == 1 ? "serve, 1 agent" : "serve, \(shops) agents at once"
            print(line(label, ingest))
            try await checkStored(backlog, database: name, on: cluster)
            ratios.append((label, ingest.transactionsPerSecond(batchSize: batchSize) / raw.transactionsPerSecond(batchSize: batchSize)))
        }
        for (label, ratio) in ratios {
            print("target: \(label)/raw rate ≥ \(Self.targetRatio): ratio \(format(ratio, 3)), \(ratio >= Self.targetRatio ? "met" : "NOT met")")
        }
    }

    private func line(_ label: String, _ latencies: Latencies) -> String {
        "\(label): \(format(latencies.transactionsPerSecond(batchSize: batchSize), 0)) transactions/s "
            + "(\(latencies.samples.count) batches in \(format(latencies.elapsed, 2)) s), one batch p50 "
            + "\(milliseconds(latencies.percentile(0.5))) ms, p99 \(milliseconds(latencies.percentile(0.99))) ms"
    }

    private func addStores(_ backlog: ChainBacklog, config: String) async throws -> [String: String] {
        let central = try CentralTool.binary()
        var tokens: [String: String] = [:]
        for shop in backlog.shops {
            let printed = try await offPool { try CentralTool.run(central, ["store", "add", shop.id, "--config", config]) }
            tokens[shop.id] = printed.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return tokens
    }

    /// A figure counts only if serve stored every row once: the database is asked, not the answers.
    private func checkStored(_ backlog: ChainBacklog, database: String, on cluster: BenchCluster) async throws {
        let logger = cluster.logger
        let stored = try await cluster.withClient(database: database) { client in
            let rows = try await client.query("SELECT count(DISTINCT id)::bigint FROM store_transaction", logger: logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return -1
        }
        guard stored == backlog.count else {
            throw CounterBenchError("serve stored \(stored) of \(backlog.count) transactions")
        }
    }
}

extension Latencies {
    /// Rows per second when each sample is one batch of `batchSize` rows.
    func transactionsPerSecond(batchSize: Int) -> Double { perSecond * Double(batchSize) }
}
