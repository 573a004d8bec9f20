import DeviceIO
import Foundation

/// Checkouts started by the cashier while the tablet's idle screen may be receiving marketing images:
/// the POS asks for an accrual without a member, the prompt reaches the tablet, the cashier cancels it
/// (DELETE /v1/prompt) and the tablet is back on its idle screen. Timed from just before the POS sends
/// the accrual to the prompt frame's last byte read on the tablet's pty (by the `TabletTap`).
final class PromptBesideImages {
    private let rig: CounterRig
    private let client: UnixSocketHTTP
    private let runID = UUID().uuidString.prefix(8)
    private var next = 0
    /// Images whose last chunk was sent, by SHA-256: the tablet has them whole or is checking them.
    private var sentWhole: Set<String> = []
    /// How far into the tap's log `sentWhole` has looked.
    private var scanned = 0

    init(rig: CounterRig) {
        self.rig = rig
        client = UnixSocketHTTP(socketPath: rig.daemon.socketPath)
    }

    /// One checkout's figures.
    struct Sample {
        /// POS sends the accrual → prompt frame read on the tablet's pty.
        var toPrompt: Double
        /// Image frames (announcements and chunks) the agent sent between the accrual and the prompt.
        var imageFramesAhead: Int
    }

    /// Runs one checkout. With `transferring`, first waits for a chunk (the transfer runs when the
    /// checkout starts) and afterwards for another one (the transfer went on once the tablet was idle
    /// again); without, fails if any image frame goes to the tablet meanwhile.
    func checkout(transferring: Bool) async throws -> Sample {
        let frames = rig.tap.frames
        let start = frames.count
        if transferring {
            _ = try await frames.wait(after: start, for: "image chunk before the checkout", timeout: 10) { Self.isChunk($0) }
        }
        // Checkouts land anywhere in a chunk's round trip, not just after one was read.
        try await Task.sleep(for: .microseconds(Int.random(in: 0...3_000)))
        let index = next
        next += 1
        let beforeCheckout = frames.count
        let started = now()
        let pos = POSRequest(client, accrual: #"{"payment":\#(10_000 + index)}"#, idempotencyKey: "prompt-\(runID)-\(index)")
        let prompt = try await frames.wait(after: beforeCheckout, for: "prompt", abandon: { pos.failure }) { Self.isPrompt($0) }
        let afterPrompt = rig.screens.count
        try await cancelPrompt(pos)
        // The virtual tablet has taken the idle screen (and acknowledged it) before the next checkout.
        _ = try await rig.screens.wait(after: afterPrompt, for: "idle screen after the cancelled prompt") { Self.isIdle($0) }
        guard let promptAt = frames.position(from: beforeCheckout, where: Self.isPrompt),
              let idleAt = frames.position(from: promptAt, where: Self.isIdle) else {
            throw CounterBenchError("the tap saw no prompt and idle screen in order")
        }
        let ahead = frames.messages(from: beforeCheckout).prefix(promptAt - beforeCheckout).filter(Self.isImageFrame).count
        if frames.messages(from: promptAt).prefix(idleAt - promptAt).contains(where: Self.isImageFrame) {
            throw CounterBenchError("an image frame went to the tablet while the prompt was on screen")
        }
        if transferring {
            _ = try await frames.wait(after: idleAt + 1, for: "image chunk after the checkout (the transfer going on)", timeout: 10) { Self.isChunk($0) }
        } else if let image = frames.messages(from: start).first(where: Self.isImageFrame) {
            throw CounterBenchError("an image frame went to the tablet during a checkout without transfer: \(image)")
        }
        return Sample(toPrompt: prompt.at - started, imageFramesAhead: ahead)
    }

    /// The images whose last chunk has gone to the tablet so far.
    func sent() -> Set<String> {
        let log = rig.tap.frames.messages(from: scanned)
        scanned += log.count
        for case .chunk(let chunk) in log where chunk.offset + chunk.data.count >= CounterMarketing.imageBytes {
            sentWhole.insert(chunk.sha256)
        }
        return sentWhole
    }

    /// The cashier cancels the prompt; the POS's accrual ends with 409 prompt_cancelled.
    private func cancelPrompt(_ pos: POSRequest) async throws {
        let reply = try await offPool { [client] in try client.delete("/v1/prompt") }
        guard reply.status == 200 else { throw CounterBenchError("DELETE /v1/prompt: HTTP \(reply.status) \(reply.body)") }
        let deadline = now() + 20
        while pos.failure == nil {
            guard now() < deadline else { throw CounterBenchError("the cancelled accrual did not end within 20 s") }
            try await Task.sleep(for: .milliseconds(1))
        }
        guard let failure = pos.failure, failure.contains("prompt_cancelled") else {
            throw CounterBenchError("the cancelled accrual ended otherwise than prompt_cancelled: \(pos.failure ?? "")")
        }
    }

    static func isChunk(_ message: AgentMessage) -> Bool {
        if case .chunk = message { true } else { false }
    }

    static func isImageFrame(_ message: AgentMessage) -> Bool {
        switch message {
        case .chunk, .image: true
        default: false
        }
    }

    static func isPrompt(_ message: AgentMessage) -> Bool {
        if case .prompt = message { true } else { false }
    }

    static func isIdle(_ message: AgentMessage) -> Bool {
        switch message {
        case .idle, .rotation: true
        default: false
        }
    }
}
