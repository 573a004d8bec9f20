import Foundation

/// One drain of the whole backlog to the loopback server, timed by the server: from the first upload's
/// arrival to the answer that completed the store.
struct DrainRun {
    var seconds: Double
    var requests: Int
    /// The server's own decoding, storing and answering within `seconds`.
    var serverSeconds: Double
    /// Agent only: daemon spawn to the daemon reporting an empty backlog (start-up and the last marking included).
    var spawnToEmptyBacklog: Double?
    /// CPU seconds the uploading process used, start-up included: the daemon from spawn to its empty backlog,
    /// the plain client from start to exit.
    var processCPU: Double?
}

/// The two sides of `posagent-bench sync` against one loopback server.
struct SyncRounds {
    let server: LoopbackCentralServer
    let port: Int
    let workspace: BenchWorkspace
    let backlog: String
    let transactions: Int
    let batchSize: Int

    var path: String { "/v1/stores/bench/transactions" }

    /// The real daemon drains a fresh copy of the backlog through its uploader (SQLite outbox, JSON,
    /// AsyncHTTPClient, marking each batch sent). The first round's bodies are recorded for the plain side.
    func agent(round: Int) async throws -> DrainRun {
        let ledger = workspace.path("agent-\(round).sqlite")
        try LedgerFiles.copy(backlog, to: ledger)
        defer { LedgerFiles.remove(ledger) }
        let tokenFile = workspace.path("token")
        try server.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        await server.store.reset(recording: round == 0)
        let daemon = try DaemonProcess(directory: workspace.url.path, name: "agent-\(round)", database: ledger, extra: """

            [sync]
            server = "http://127.0.0.1:\(port)"
            store_id = "bench"
            token_file = "\(tokenFile)"
            batch_size = \(batchSize)
            """)
        let spawned = try await offPool { try daemon.start() }
        let empty: Double
        do {
            try await waitUntilHeld { daemon.process.isRunning }
            empty = try await offPool { try Self.waitForEmptyBacklog(daemon) }
        } catch {
            try? await offPool { daemon.stop() }
            throw CounterBenchError("\(error); daemon log: \(daemon.log())")
        }
        let cpu = ProcessCPU.seconds(of: daemon.pid)
        try await offPool { daemon.stop() }
        var run = try await finished()
        run.spawnToEmptyBacklog = empty - spawned
        run.processCPU = cpu
        return run
    }

    /// AsyncHTTPClient alone, in a process of its own (`posagent-bench plain-upload`) as the daemon is,
    /// posts the bodies the agent sent in its first round, in the same order.
    func plain(_ uploads: [CentralStore.Upload]) async throws -> DrainRun {
        let file = workspace.path("uploads.bin"), tokenFile = workspace.path("token")
        if !FileManager.default.fileExists(atPath: file) { try RecordedUploads.write(uploads, to: file) }
        try server.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        await server.store.reset(recording: false)
        let client = Process()
        client.executableURL = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        client.arguments = ["plain-upload", "--url", "http://127.0.0.1:\(port)\(path)", "--token-file", tokenFile, "--uploads", file]
        let output = Pipe()
        client.standardOutput = output
        let (status, printed) = try await offPool {
            try client.run()
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            client.waitUntilExit()
            return (client.terminationStatus, String(decoding: printed, as: UTF8.self))
        }
        guard status == 0 else { throw CounterBenchError("the plain client exited with status \(status)") }
        try await waitUntilHeld { true }
        var run = try await finished()
        // Its last line: "cpu-seconds N".
        run.processCPU = printed.split(separator: "\n").last.flatMap { Double($0.split(separator: " ").last ?? "") }
        return run
    }

    private func waitUntilHeld(stillRunning: @escaping @Sendable () -> Bool) async throws {
        let deadline = now() + 600
        while await server.store.held < transactions {
            guard stillRunning() else { throw CounterBenchError("the daemon exited before the backlog was drained") }
            guard now() < deadline else {
                throw CounterBenchError("the server holds \(await server.store.held) of \(transactions) after 600 s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The run's figures, after checking the server holds every transaction once with seqs 1...N.
    private func finished() async throws -> DrainRun {
        let store = server.store
        let seqs = Set(await store.seqs.values)
        guard seqs.count == transactions, seqs.min() == 1, seqs.max() == Int64(transactions) else {
            throw CounterBenchError("the server holds \(seqs.count) distinct seqs, not 1...\(transactions)")
        }
        let duplicates = await store.duplicates
        if duplicates > 0 { print("note: \(duplicates) transactions were sent again (a retried batch)") }
        guard let first = await store.firstArrival, let last = await store.lastAnswer else {
            throw CounterBenchError("the server saw no upload")
        }
        return DrainRun(seconds: last - first, requests: await store.requests, serverSeconds: await store.handlingSeconds)
    }

    /// Blocks until the daemon reports nothing left to upload; returns the monotonic time it did.
    private static func waitForEmptyBacklog(_ daemon: DaemonProcess) throws -> Double {
        let client = UnixSocketHTTP(socketPath: daemon.socketPath)
        let deadline = now() + 120
        while now() < deadline {
            guard daemon.process.isRunning else { break }
            if let reply = try? client.get("/v1/sync"), reply.status == 200,
               let status = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
               status["backlog"] as? Int == 0 {
                return now()
            }
            usleep(10_000)
        }
        throw CounterBenchError("the daemon did not report an empty backlog")
    }
}
