import DeviceIO
import Foundation

/// The self-service checkout as the customer lives it: the POS asks for an accrual without a member, the
/// tablet shows the prompt, a membership card is scanned, and the tablet shows the points. Timed from the
/// last byte of the scanned line written on the scanner's pty to the last byte of the result frame read
/// on the tablet's (by the `TabletTap`), and, for comparison, to the virtual tablet showing it.
final class ScanToResult {
    /// Membership cards in rotation: the first pass enrols them, later ones accrue on existing members.
    static let cards = 500

    private let rig: CounterRig
    private let client: UnixSocketHTTP
    private let walWrites: WALWriteWatch
    private let runID = UUID().uuidString.prefix(8)
    private var next = 0
    /// The longest scanned line and result frame seen, in bytes on the wire.
    private(set) var longestScanLine = 0
    private(set) var longestResultFrame = 0
    /// Accruals that ended without a result on the tablet, and why: reported, never timed.
    private(set) var failures: [String] = []

    init(rig: CounterRig) throws(CounterBenchError) {
        self.rig = rig
        client = UnixSocketHTTP(socketPath: rig.daemon.socketPath)
        walWrites = try WALWriteWatch(file: rig.database + "-wal")
    }

    deinit { walWrites.stop() }

    /// One accrual's figures, each from the moment the scanned line was written.
    struct Sample {
        /// The result frame's last byte read on the tablet's pty.
        var toResult: Double
        /// The virtual tablet has decoded, acknowledged and delivered the result.
        var toShown: Double
        /// The POS has the HTTP answer (sent after the tablet acknowledged the result).
        var toReply: Double
        /// The daemon's first write of the commit to the WAL, if inotify saw it before the result.
        var toCommitWrite: Double?

        /// One line per accrual, in milliseconds; an empty field where the WAL write was not seen.
        static func write(_ samples: [Sample], to path: String) throws {
            let lines = samples.enumerated().map { index, sample in
                [String(index), milliseconds(sample.toResult), milliseconds(sample.toShown),
                 sample.toCommitWrite.map(milliseconds) ?? "", milliseconds(sample.toReply)].joined(separator: ",")
            }
            try (["accrual,scan_to_result_ms,scan_to_shown_ms,scan_to_wal_write_ms,scan_to_reply_ms"] + lines)
                .joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func run(accruals: Int, into samples: inout [Sample]) async throws {
        for _ in 0..<accruals {
            do {
                samples.append(try await accrue())
            } catch let error as CounterBenchError {
                failures.append(error.description)
                guard failures.count <= 50 else { throw CounterBenchError("\(failures.count) accruals failed; the last: \(error)") }
                // Let the daemon finish with the failed prompt before the next one.
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private func accrue() async throws -> Sample {
        let index = next
        next += 1
        let code = "88001\(1_000_000 + index % Self.cards)"
        let key = "bench-\(runID)-\(index)"
        let payment = 10_000 + index
        let beforePrompt = rig.screens.count
        let acknowledged = rig.tap.acknowledged
        walWrites.arm()
        let pos = POSRequest(client, accrual: #"{"payment":\#(payment)}"#, idempotencyKey: key)
        _ = try await rig.screens.wait(after: beforePrompt, for: "prompt", abandon: { pos.failure }) {
            if case .prompt = $0 { true } else { false }
        }
        // A customer scans once the prompt is on screen, by then long acknowledged to the daemon.
        try await rig.tap.waitForAcknowledgement(after: acknowledged, abandon: { pos.failure })
        let beforeResult = rig.screens.count
        let framesBefore = rig.tap.frames.count
        try rig.scanner.scan(code)
        let scanned = now()
        let read = try await rig.tap.frames.wait(after: framesBefore, for: "result", abandon: { pos.failure }) {
            if case .result = $0 { true } else { false }
        }
        let shown = try await rig.screens.wait(after: beforeResult, for: "result", abandon: { pos.failure }) {
            if case .result = $0 { true } else { false }
        }
        let answered = try await pos.answered()
        longestScanLine = max(longestScanLine, code.utf8.count + 2)  // the scanner's CRLF
        // Sequence numbers run to three digits; count the longest.
        longestResultFrame = max(longestResultFrame, try FrameFormat.encode(payload: read.message.wire(seq: 255)).count)
        let written = walWrites.firstWrite(after: scanned, before: read.at)
        return Sample(toResult: read.at - scanned, toShown: shown.at - scanned, toReply: answered - scanned,
                      toCommitWrite: written.map { $0 - scanned })
    }
}
