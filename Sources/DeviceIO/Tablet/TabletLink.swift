import Logging

/// The link layer of the tablet protocol, the same code at both ends: frames out with a sequence
/// number, stop-and-wait for ACK, retransmission after NAK or 300 ms, three tries; frames in are
/// checked, acknowledged, and delivered once even when the peer repeats them.
public actor TabletLink<Outgoing: TabletWireRepresentable, Incoming: TabletWireRepresentable> {
    public struct Configuration: Sendable {
        /// How long a sender waits for ACK before sending again.
        public var ackTimeout: Duration
        /// Transmissions of one frame, the first included, before the peer counts as unresponsive.
        public var attempts: Int

        public init(ackTimeout: Duration = .milliseconds(300), attempts: Int = 3) {
            self.ackTimeout = ackTimeout
            self.attempts = attempts
        }
    }

    private enum AckOutcome: Sendable { case ack, nak, timeout, closed }

    private let port: SerialPort
    private let configuration: Configuration
    private let logger: Logger
    private var decoder = FrameDecoder()
    private var nextSeq: UInt8 = 0
    /// The last frame delivered, to recognise a retransmission whose ACK was lost.
    private var lastDelivered: (seq: UInt8, payload: [UInt8])?
    private var pending: (id: Int, continuation: CheckedContinuation<AckOutcome, Never>, timer: Task<Void, Never>)?
    private var transmissionCount = 0
    private var sending = false
    private var sendWaiters: [CheckedContinuation<Void, Never>] = []
    private var ended = false
    /// Misbehaviour to inject; see `LinkFaults`.
    public var faults = LinkFaults()

    /// Messages from the peer, each once, in order. Finishes when `run()` returns.
    public nonisolated let messages: AsyncStream<Incoming>
    private let messagesContinuation: AsyncStream<Incoming>.Continuation

    public init(port: SerialPort, configuration: Configuration = .init(), logger: Logger = Logger(label: "posagent.tablet-link")) {
        self.port = port
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "port"] = "\(port.path)"
        self.logger = logger
        (messages, messagesContinuation) = AsyncStream.makeStream()
    }

    public func setFaults(_ faults: LinkFaults) {
        self.faults = faults
    }

    /// Reads the port until it closes or the device goes away (then throws `.disconnected`).
    /// Cancelling the task closes the port.
    public func run() async throws {
        defer { finish() }
        try await withTaskCancellationHandler {
            for try await chunk in port.bytes() {
                for event in decoder.feed(chunk) { handle(event) }
            }
        } onCancel: { [port] in
            port.close()
        }
    }

    /// Sends one message and waits for its ACK; throws `.unresponsive` after every try went
    /// unanswered, `.closed` if the link ends meanwhile. Concurrent calls are sent one at a time.
    public func send(_ message: Outgoing) async throws(DeviceIOError) {
        await acquireSendTurn()
        defer { releaseSendTurn() }
        let seq = nextSeq
        nextSeq &+= 1
        let frame = try FrameFormat.encode(payload: try message.wire(seq: seq))
        for attempt in 1...max(1, configuration.attempts) {
            guard !ended else { throw DeviceIOError(.closed, "the tablet link on \(port.path) has ended") }
            try transmit(frame)
            switch await awaitAck() {
            case .ack: return
            case .closed: throw DeviceIOError(.closed, "the tablet link on \(port.path) ended before \(message.typeName) was acknowledged")
            case .nak: logger.debug("NAK, retransmitting", metadata: ["type": "\(message.typeName)", "seq": "\(seq)", "attempt": "\(attempt)"])
            case .timeout: logger.debug("no ACK, retransmitting", metadata: ["type": "\(message.typeName)", "seq": "\(seq)", "attempt": "\(attempt)"])
            }
        }
        throw DeviceIOError(
            .unresponsive,
            "the device on \(port.path) acknowledged no \(message.typeName) frame after \(configuration.attempts) tries; check its cable and power"
        )
    }

    private func transmit(_ frame: [UInt8]) throws(DeviceIOError) {
        if faults.dropFrames > 0 {
            faults.dropFrames -= 1
            return
        }
        var bytes = frame
        if faults.corruptBodies > 0, let damaged = Self.damagingBody(of: frame) {
            faults.corruptBodies -= 1
            bytes = damaged
        }
        if faults.corruptFrames > 0, let last = bytes.indices.last {
            faults.corruptFrames -= 1
            bytes[last] = bytes[last] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        try port.write(bytes)
    }

    /// The frame with the first letter or digit from the middle of its body changed, and the CRC-16 made right.
    private static func damagingBody(of frame: [UInt8]) -> [UInt8]? {
        var body = Array(frame.dropFirst().dropLast(FrameFormat.overhead - 1))
        guard let index = body.indices.dropFirst(body.count / 2).first(where: { index in
            [0x30...0x39, 0x41...0x5A, 0x61...0x7A].contains { $0.contains(body[index]) }
        }) else {
            return nil
        }
        let byte = body[index]
        body[index] = switch byte {
        case UInt8(ascii: "z"): UInt8(ascii: "a")
        case UInt8(ascii: "Z"): UInt8(ascii: "A")
        case UInt8(ascii: "9"): UInt8(ascii: "0")
        default: byte + 1
        }
        return try? FrameFormat.encode(payload: body)
    }

    private func awaitAck() async -> AckOutcome {
        transmissionCount += 1
        let id = transmissionCount
        let timeout = configuration.ackTimeout
        return await withCheckedContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.resolve(id: id, .timeout)
            }
            pending = (id, continuation, timer)
        }
    }

    private func resolve(id: Int? = nil, _ outcome: AckOutcome) {
        guard let pending, id == nil || id == pending.id else { return }
        self.pending = nil
        pending.timer.cancel()
        pending.continuation.resume(returning: outcome)
    }

    private func handle(_ event: FrameEvent) {
        switch event {
        case .ack: resolve(.ack)
        case .nak: resolve(.nak)
        case .badChecksum: answer(FrameFormat.nak)
        case .malformed(let reason): logger.debug("dropped a malformed frame", metadata: ["reason": "\(reason)"])
        case .frame(let payload): receive(payload)
        }
    }

    private func receive(_ payload: [UInt8]) {
        if faults.dropAcks > 0 {
            faults.dropAcks -= 1
        } else {
            answer(FrameFormat.ack)
        }
        guard let header = FrameSequence.header(payload) else {
            logger.warning("a frame has no valid \"seq\"; ignored")
            return
        }
        // A hello is always delivered: a restarted peer numbers from 0 again, and its first frame
        // can equal the last one of its previous life. Answering hello twice is harmless.
        if !header.opensSession, let last = lastDelivered, last.seq == header.seq, last.payload == payload { return }
        lastDelivered = (header.seq, payload)
        do {
            messagesContinuation.yield(try Incoming(wire: payload))
        } catch {
            logger.warning("ignored a frame the protocol does not define", metadata: ["error": "\(error)"])
        }
    }

    private func answer(_ byte: UInt8) {
        do {
            try port.write([byte])
        } catch {
            logger.debug("could not answer a frame", metadata: ["error": "\(error)"])
        }
    }

    private func acquireSendTurn() async {
        guard sending else {
            sending = true
            return
        }
        await withCheckedContinuation { sendWaiters.append($0) }
    }

    /// Hands the turn straight to the next waiter, so `sending` stays true between them.
    private func releaseSendTurn() {
        if sendWaiters.isEmpty {
            sending = false
        } else {
            sendWaiters.removeFirst().resume()
        }
    }

    private func finish() {
        ended = true
        resolve(.closed)
        messagesContinuation.finish()
    }
}
