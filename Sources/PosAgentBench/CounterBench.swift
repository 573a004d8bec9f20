import ArgumentParser
import Foundation

/// `posagent-bench counter`: the daemon as a counter uses it, beside raw SQLite measured in the same run.
struct CounterBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counter",
        abstract: "Scan-to-result latency through the real daemon against a raw durable commit, idle memory, and start-up time to READY=1.")

    @Option(help: "Self-service accruals answered by a scanned card (and raw SQLite commits beside them).")
    var accruals = 1_000

    @Option(help: "Alternating rounds the accruals and raw commits are split into.")
    var rounds = 10

    @Option(help: "Transactions in the ledger the daemon's start-up is timed on.")
    var transactions = 1_000_000

    @Option(help: "Start-ups timed on each ledger.")
    var startups = 3

    @Option(help: "Directory for the benchmark's files (default: a new temporary directory, removed afterwards).")
    var directory: String?

    @Option(help: "CSV file to write every timed accrual to, in order, for a closer look at the tail.")
    var samples: String?

    /// The target: the customer waits at most twice what the disk needs for one durable commit.
    static let targetRatio = 2.0

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift build -c release --product posagent` and `swift run -c release posagent-bench counter` for real figures\n")
        #endif
        let workspace = try BenchWorkspace(directory: directory)
        defer { workspace.cleanUp() }
        let binary = try DaemonProcess.binary()
        print("daemon: \(binary.path)")
        let met = try await scanToResult(workspace)
        try await startup(workspace)
        print("\n== Targets")
        print("scan-to-result p99 ≤ \(format(Self.targetRatio, 0)) × raw commit p99: \(met ? "met" : "NOT met")")
        print("idle RSS and start to READY=1: figures only, no target set")
    }

    /// Prints the scan-to-result figures; whether the target was met, every accrual having shown a result.
    private func scanToResult(_ workspace: BenchWorkspace) async throws -> Bool {
        print("\n== Scan to result: \(accruals) self-service accruals through the daemon, virtual tablet and scanner on ptys, in \(rounds) rounds alternating with raw SQLite commits")
        let rig = try await CounterRig.launch(directory: workspace.url.path)
        let idleRSS = try await idleResident(rig)
        let idleParts = try ResidentBreakdown(pid: rig.daemon.pid)
        let raw = try RawSQLiteInsert(path: workspace.path("raw.sqlite"))
        let inProcess = try AccrualThroughput(path: workspace.path("agent.sqlite"))
        let scans = try ScanToResult(rig: rig)
        var samples: [ScanToResult.Sample] = [], rawCommit = Latencies(), agent = Latencies()
        do {
            // Alternating rounds expose all three to the same moments of a shared, noisy machine.
            for round in 0..<rounds {
                let share = accruals / rounds + (round < accruals % rounds ? 1 : 0)
                try raw.run(commits: share, into: &rawCommit)
                try await scans.run(accruals: share, into: &samples)
                try await inProcess.run(accruals: share, into: &agent)
            }
        } catch {
            try? await rig.stop()
            throw CounterBenchError("\(error); daemon log: \(rig.daemon.log())")
        }
        let busyRSS = try await idleResident(rig)
        let busyParts = try ResidentBreakdown(pid: rig.daemon.pid)
        try await rig.stop()
        if let path = self.samples { try ScanToResult.Sample.write(samples, to: path) }

        let toResult = Latencies(samples: samples.map(\.toResult))
        let toShown = Latencies(samples: samples.map(\.toShown))
        let toReply = Latencies(samples: samples.map(\.toReply))
        let toCommitWrite = Latencies(samples: samples.compactMap(\.toCommitWrite))
        let afterCommitWrite = Latencies(samples: samples.compactMap { sample in sample.toCommitWrite.map { sample.toResult - $0 } })
        let ratio = toResult.percentile(0.99) / rawCommit.percentile(0.99)
        let met = ratio <= Self.targetRatio && scans.failures.isEmpty
        let wireBytes = scans.longestScanLine + scans.longestResultFrame
        if !scans.failures.isEmpty {
            print("FAILED: \(scans.failures.count) of \(self.accruals) accruals showed no result and are not in the figures; first: \(scans.failures[0])")
        }
        print("scan to result (last scanned byte written → last byte of the result frame read on the tablet's pty): \(percentiles(toResult))")
        print("raw SQLite durable commit (WAL, synchronous=FULL, single-row INSERT): \(percentiles(rawCommit))")
        print("target: scan-to-result p99 ≤ \(format(Self.targetRatio, 0)) × raw commit p99 (\(milliseconds(Self.targetRatio * rawCommit.percentile(0.99))) ms): "
            + "ratio \(format(ratio, 2)), \(met ? "met" : scans.failures.isEmpty ? "NOT met" : "NOT met (accruals failed)")")
        print("wire time at 9600 baud, computed (not in the figures above; ptys have no baud rate): "
            + "\(scans.longestScanLine) scanner bytes + \(scans.longestResultFrame) result frame bytes = \(wireBytes) bytes × 10 bits = "
            + "\(milliseconds(WireTime.seconds(bytes: wireBytes, baud: 9_600))) ms")
        print("where the time goes:")
        print("  scan → the same result shown by the virtual tablet (decoded, acknowledged, passed on in this process): \(percentiles(toShown))")
        print("  agent accrual in this process (Ledger.accrue, same durability): \(percentiles(agent))")
        print("  scan → the daemon's first write of the commit to the WAL (inotify; \(toCommitWrite.samples.count) of \(samples.count) seen): \(percentiles(toCommitWrite))")
        print("  that WAL write → result frame read on the tablet (the rest of the commit, its fsync, then the frame): \(percentiles(afterCommitWrite))")
        print("  scan → HTTP answer at the POS (after the result frame was acknowledged): \(percentiles(toReply))")
        print("\n== Daemon memory")
        print("idle RSS with the tablet and scanner attached, 3 s after start: \(mebibytes(idleRSS)) MiB; by mapping (smaps):")
        for line in idleParts.lines(top: 12) { print("  \(line)") }
        print("idle RSS 3 s after the \(accruals) accruals: \(mebibytes(busyRSS)) MiB; by mapping:")
        for line in busyParts.lines(top: 6) { print("  \(line)") }
        return met
    }

    private func startup(_ workspace: BenchWorkspace) async throws {
        print("\n== Start to READY=1 (process spawn → the datagram on $NOTIFY_SOCKET), \(startups) start-ups each")
        let empty = workspace.path("empty.sqlite")
        try LedgerFiles.createEmpty(at: empty)
        let emptyRuns = try await StartupToReady.measure(directory: workspace.url.path, name: "empty", database: empty, runs: startups)
        print("empty ledger (baseline): \(seconds(emptyRuns))")

        let large = workspace.path("large.sqlite")
        let buildSeconds = try await LedgerFiles.createLarge(at: large, transactions: transactions)
        print("built a ledger of \(transactions) transactions in \(format(buildSeconds, 1)) s (\(LedgerFiles.size(of: large)))")
        let largeRuns = try await StartupToReady.measure(directory: workspace.url.path, name: "large", database: large, runs: startups)
        print("ledger of \(transactions) transactions: \(seconds(largeRuns))")
        print("ratio large/empty (medians): \(format(median(largeRuns) / median(emptyRuns), 2))")
    }

    /// The daemon's RSS after it has sat idle, devices attached, for a few seconds.
    private func idleResident(_ rig: CounterRig) async throws -> Int {
        try await Task.sleep(for: .seconds(3))
        return try rig.daemon.residentKiB()
    }

    private func percentiles(_ latencies: Latencies) -> String {
        "p50 \(milliseconds(latencies.percentile(0.5))) ms, p99 \(milliseconds(latencies.percentile(0.99))) ms"
    }

    private func seconds(_ runs: [Double]) -> String {
        "median \(milliseconds(median(runs))) ms (runs: \(runs.map { milliseconds($0) }.joined(separator: ", ")) ms)"
    }

    private func median(_ values: [Double]) -> Double {
        Latencies(samples: values).percentile(0.5)
    }

    private func mebibytes(_ kib: Int) -> String { format(Double(kib) / 1024, 1) }
}
