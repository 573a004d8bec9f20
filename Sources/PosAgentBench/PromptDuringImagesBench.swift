import ArgumentParser
import DeviceIO
import Foundation

/// `posagent-bench prompt-during-images`: a checkout's prompt while marketing images go to the tablet,
/// beside the same prompt with no transfer, in one run of the real daemon.
struct PromptDuringImagesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt-during-images",
        abstract: "A checkout's prompt latency while marketing images are sent to the tablet, against the same prompt with no transfer.")

    @Option(help: "Checkouts timed with no transfer, and as many again while images are sent.")
    var checkouts = 2_000

    @Option(help: "Alternating rounds (no transfer, then transfer) the checkouts are split into.")
    var rounds = 20

    @Option(help: "Directory for the benchmark's files (default: a new temporary directory, removed afterwards).")
    var directory: String?

    /// Images of about 1 MiB kept waiting to be sent, so the transfer never runs out within a checkout.
    static let waiting = 3

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; run `swift build -c release --product posagent --product posagent-bench` and `.build/release/posagent-bench prompt-during-images` for real figures\n")
        #endif
        let workspace = try BenchWorkspace(directory: directory)
        defer { workspace.cleanUp() }
        print("daemon: \(try DaemonProcess.binary().path)")
        print("\n== A checkout's prompt while marketing images go to the tablet: \(checkouts) checkouts with no transfer and \(checkouts) during one, "
            + "in \(rounds) alternating rounds; the cashier starts an accrual without a member, the prompt reaches the tablet, the cashier cancels it")
        let rig = try await CounterRig.launch(directory: workspace.url.path)
        let marketing = CounterMarketing(socketPath: rig.daemon.socketPath)
        let prompts = PromptBesideImages(rig: rig)
        var quiet: [PromptBesideImages.Sample] = [], transferring: [PromptBesideImages.Sample] = []
        var chunks = 0, transferSeconds = 0.0
        do {
            for round in 0..<rounds {
                let share = checkouts / rounds + (round < checkouts % rounds ? 1 : 0)
                try await marketing.setHidden(true)
                try await waitForQuiet(rig)
                for _ in 0..<share { quiet.append(try await prompts.checkout(transferring: false)) }

                try await topUp(marketing, sent: prompts.sent())
                try await marketing.setHidden(false)
                let mark = rig.tap.frames.count, begun = now()
                for _ in 0..<share {
                    try await topUp(marketing, sent: prompts.sent())
                    transferring.append(try await prompts.checkout(transferring: true))
                }
                transferSeconds += now() - begun
                chunks += rig.tap.frames.messages(from: mark).count(where: PromptBesideImages.isChunk)
            }
        } catch {
            try? await rig.stop()
            throw CounterBenchError("\(error); daemon log: \(rig.daemon.log())")
        }
        let rss = try rig.daemon.residentKiB()
        try await rig.stop()
        report(quiet: quiet, transferring: transferring, chunks: chunks, seconds: transferSeconds, imagesSent: prompts.sent().count, rss: rss)
    }

    private func report(quiet: [PromptBesideImages.Sample], transferring: [PromptBesideImages.Sample], chunks: Int, seconds: Double,
                        imagesSent: Int, rss: Int) {
        let none = Latencies(samples: quiet.map(\.toPrompt))
        let during = Latencies(samples: transferring.map(\.toPrompt))
        let mebibytes = Double(chunks * ImageChunk.maxBytes) / 1_048_576
        print("transfer: \(chunks) chunk frames (\(format(mebibytes, 1)) MiB, \(imagesSent) images of \(CounterMarketing.imageBytes) bytes sent whole) "
            + "in the transfer rounds' \(format(seconds, 1)) s; a chunk arrived before every timed checkout and again after it")
        print("accrual sent by the POS → prompt frame read on the tablet's pty:")
        print("  no transfer: \(percentiles(none))")
        print("  during the transfer: \(percentiles(during))")
        print("  extra latency: p50 \(milliseconds(during.percentile(0.5) - none.percentile(0.5))) ms, "
            + "p99 \(milliseconds(during.percentile(0.99) - none.percentile(0.99))) ms")
        print("ratio p99(during transfer) / p99(no transfer): \(format(during.percentile(0.99) / none.percentile(0.99), 2))")
        let ahead = Dictionary(grouping: transferring.map(\.imageFramesAhead), by: { $0 }).mapValues(\.count)
        // The daemon reads and routes the accrual meanwhile; only once it asks for the prompt does the transfer pause.
        print("image frames sent between the POS's accrual and its prompt: "
            + ahead.keys.sorted().map { "\($0) in \(ahead[$0] ?? 0)" }.joined(separator: ", ") + " of \(transferring.count) checkouts")
        if let most = transferring.max(by: { $0.imageFramesAhead < $1.imageFramesAhead }) {
            print("  the checkout with the most (\(most.imageFramesAhead)) had its prompt after \(milliseconds(most.toPrompt)) ms")
        }
        let chunkFrame = (try? FrameFormat.encode(payload: AgentMessage.chunk(Self.fullChunk).wire(seq: 255)).count) ?? 0
        print("wire time at 115200 baud, computed (ptys have no baud rate, so not in the figures above): one chunk frame of \(chunkFrame) bytes × 10 bits = "
            + "\(milliseconds(WireTime.seconds(bytes: chunkFrame, baud: 115_200))) ms, the most a prompt waits behind one on a real cable")
        print("daemon RSS after the run: \(format(Double(rss) / 1024, 1)) MiB")
    }

    private func percentiles(_ latencies: Latencies) -> String {
        "p50 \(milliseconds(latencies.percentile(0.5))) ms, p99 \(milliseconds(latencies.percentile(0.99))) ms, "
            + "max \(milliseconds(latencies.percentile(1))) ms"
    }

    /// A chunk of the largest size, for its length on the wire.
    private static var fullChunk: ImageChunk {
        ImageChunk(sha256: String(repeating: "0", count: 64), offset: 1_000_000, data: Array(repeating: 0xFF, count: ImageChunk.maxBytes))
    }

    /// Keeps `waiting` images not yet sent in the set; removes those already sent first, so the set stays under 50.
    private func topUp(_ marketing: CounterMarketing, sent: Set<String>) async throws {
        let unsent = marketing.images.count { !sent.contains($0.sha256) }
        guard unsent < Self.waiting else { return }
        try await marketing.remove(sent)
        try await marketing.add(Self.waiting + 1 - unsent)
    }

    /// Waits until no image frame has reached the tablet for 300 ms after every image was hidden.
    private func waitForQuiet(_ rig: CounterRig) async throws {
        let deadline = now() + 10
        var mark = rig.tap.frames.count
        while now() < deadline {
            try await Task.sleep(for: .milliseconds(300))
            let later = rig.tap.frames.messages(from: mark)
            if !later.contains(where: PromptBesideImages.isImageFrame) { return }
            mark += later.count
        }
        throw CounterBenchError("image frames still went to the tablet 10 s after every image was hidden")
    }
}
