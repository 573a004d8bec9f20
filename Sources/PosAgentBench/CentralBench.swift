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

    @Option(help: "Rounds of the three runs; the target is judged on the median round's ratio.")
    var rounds = 3

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
        guard transactions > 0, batchSize > 0, agents > 0, rounds > 0, transactions % agents == 0 else {
            throw ValidationError("transactions, batch size, agents and rounds must be positive, and the transactions a multiple of the agents")
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
        print("== \(transactions) transactions in batches of \(batchSize), \(rounds) rounds; each run on a fresh database of the central schema")
        let runs = [1, agents].filter { $0 == 1 || agents > 1 }
        var ratios: [Int: [Double]] = [:]
        for round in 1...rounds {
            print("-- round \(round)")
            let rawBacklog = ChainBacklog(count: transactions, stores: 1, batchSize: batchSize)
            let rawName = "bench_raw\(round)_\(tag)"
            _ = try await cluster.createDatabase(rawName, in: workspace)
            let raw = try await RawPostgresInsert(cluster: cluster, database: rawName).run(rawBacklog)
            print(line("raw postgres-nio INSERT, 1 connection", raw))
            for shops in runs {
                let ingest = try await serve(shops: shops, round: round, tag: tag, on: cluster, in: workspace)
                print(line(label(shops), ingest))
                ratios[shops, default: []].append(ingest.transactionsPerSecond(batchSize: batchSize) / raw.transactionsPerSecond(batchSize: batchSize))
            }
        }
        // Each round's ratio is of two rates measured minutes apart at most; the median of the rounds is the
        // figure, so one round disturbed by the shared machine neither makes nor breaks the target.
        for shops in runs {
            let each = ratios[shops, default: []]
            let median = each.sorted()[each.count / 2]
            print("target: \(label(shops))/raw rate ≥ \(Self.targetRatio): ratio \(format(median, 3)) (median of \(each.map { format($0, 3) }.joined(separator: ", "))), "
                  + (median >= Self.targetRatio ? "met" : "NOT met"))
        }
    }

    private func label(_ shops: Int) -> String {
        shops == 1 ? "serve, 1 agent" : "serve, \(shops) agents at once"
    }

    /// `shops` agents uploading their backlogs through a serve process of their own database.
    private func serve(shops: Int, round: Int, tag: String, on cluster: BenchCluster, in workspace: BenchWorkspace) async throws -> Latencies {
        let backlog = ChainBacklog(count: transactions, stores: shops, batchSize: batchSize)
        let name = "bench_serve\(shops)_\(round)_\(tag)"
        let config = try await cluster.createDatabase(name, in: workspace)
        let tokens = try await addStores(backlog, config: config)
        let serve = try await offPool { try CentralServeProcess(config: config, log: workspace.path("\(name).log")) }
        defer { serve.stop() }
        let ingest = try await CentralIngestLoad(port: serve.port, tokens: tokens).run(backlog)
        try await checkStored(backlog, database: name, on: cluster)
        return ingest
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
