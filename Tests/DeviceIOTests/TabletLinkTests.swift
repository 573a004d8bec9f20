import Testing
@testable import DeviceIO

/// The agent's link on the device end of a pty, a hand-driven peer on the other.
@Suite struct TabletLinkTests {
    let peer: RawPeer
    let link: TabletLink<AgentMessage, TabletMessage>
    let delivered = Inbox<TabletMessage>()
    let runner: Task<Void, any Error>

    /// A generous ACK timeout by default: most tests check what is sent, not when, and a loaded
    /// machine can take longer than 300 ms to answer.
    init(ackTimeout: Duration = .seconds(5)) throws {
        peer = try RawPeer()
        let port = try SerialPort.open(path: peer.devicePath, settings: SerialSettings(baud: 115200))
        let link = TabletLink<AgentMessage, TabletMessage>(port: port, configuration: .init(ackTimeout: ackTimeout))
        self.link = link
        runner = Task { try await link.run() }
        delivered.collect(link.messages)
    }

    init() throws {
        try self.init(ackTimeout: .seconds(5))
    }

    private func stop() {
        runner.cancel()
        peer.close()
    }

    @Test func goodFrameIsAcknowledgedAndDelivered() async throws {
        defer { stop() }
        try peer.sendFrame(#"{"seq":0,"type":"input","mode":"phone","value":"01012345678"}"#)
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .input(mode: .phone, value: "01012345678"))
    }

    @Test func badChecksumIsAnsweredWithNAKAndNotDelivered() async throws {
        defer { stop() }
        var frame = try FrameFormat.encode(payload: Array(#"{"seq":1,"type":"cancel"}"#.utf8))
        frame[frame.count - 2] = frame[frame.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try peer.send(frame)
        #expect(try await peer.events.next() == .nak)
        try peer.sendFrame(#"{"seq":1,"type":"cancel"}"#)
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .cancel)
        #expect(try await delivered.drain(after: .milliseconds(100)).isEmpty)
    }

    @Test func repeatedFrameAfterALostAckIsAcknowledgedAgainAndDeliveredOnce() async throws {
        defer { stop() }
        let json = #"{"seq":7,"type":"input","mode":"otp","value":"123456"}"#
        try peer.sendFrame(json)
        #expect(try await peer.events.next() == .ack)
        try peer.sendFrame(json)
        #expect(try await peer.events.next() == .ack)
        try peer.sendFrame(#"{"seq":8,"type":"cancel"}"#)
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .input(mode: .otp, value: "123456"))
        #expect(try await delivered.next() == .cancel)
        #expect(try await delivered.drain(after: .milliseconds(100)).isEmpty)
    }

    @Test func frameSplitIntoSingleBytesAmidGarbageArrives() async throws {
        defer { stop() }
        let frame = try FrameFormat.encode(payload: Array(#"{"seq":3,"type":"key","key":"7"}"#.utf8))
        try peer.send(Array("\u{0}noise\u{3}12".utf8))
        for byte in frame {
            try peer.send([byte])
            await Task.yield()
        }
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .key(.digit(7)))
    }

    @Test func oversizeFrameGetsNoAnswerAndTheNextFrameDoes() async throws {
        defer { stop() }
        try peer.send([FrameFormat.stx] + Array(repeating: UInt8(ascii: "x"), count: 5000) + [FrameFormat.etx] + Array("0000".utf8))
        try peer.sendFrame(#"{"seq":4,"type":"heartbeat"}"#)
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .heartbeat)
    }

    @Test func unknownMessageIsAcknowledgedButNotDelivered() async throws {
        defer { stop() }
        try peer.sendFrame(#"{"seq":5,"type":"firmware-update"}"#)
        #expect(try await peer.events.next() == .ack)
        try peer.sendFrame(#"{"seq":6,"type":"cancel"}"#)
        #expect(try await peer.events.next() == .ack)
        #expect(try await delivered.next() == .cancel)
    }

    @Test func unansweredFrameIsSentThreeTimesThenTheTabletIsUnresponsive() async throws {
        // The protocol's own 300 ms: nothing answers, so load cannot change the outcome.
        let fixture = try TabletLinkTests(ackTimeout: .milliseconds(300))
        let peer = fixture.peer
        let link = fixture.link
        defer {
            fixture.stop()
            stop()
        }
        let sending = Task { () -> DeviceIOError? in
            do {
                try await link.send(.message(text: "Hello"))
                return nil
            } catch {
                return error as? DeviceIOError
            }
        }
        let first = try await peer.nextFrame()
        #expect(try await peer.nextFrame() == first)
        #expect(try await peer.nextFrame() == first)
        #expect(await sending.value?.code == .unresponsive)
        #expect(first == #"{"seq":0,"text":"Hello","type":"message"}"#)
    }

    @Test func nakMakesTheSenderRetransmit() async throws {
        defer { stop() }
        let sending = Task { try await link.send(.idle) }
        let first = try await peer.nextFrame()
        try peer.send([FrameFormat.nak])
        #expect(try await peer.nextFrame() == first)
        try peer.send([FrameFormat.ack])
        try await sending.value
        let next = Task { try await link.send(.idle) }
        #expect(try await peer.nextFrame() == #"{"seq":1,"type":"idle"}"#)
        try peer.send([FrameFormat.ack])
        try await next.value
    }

    @Test func sequenceNumbersWrapAfter255() async throws {
        defer { stop() }
        let seen = Inbox<String>()
        // Acknowledges everything, retransmissions included, which a loaded machine may cause.
        let acker = Task {
            while !Task.isCancelled {
                let frame = try await peer.nextFrame()
                try peer.send([FrameFormat.ack])
                await seen.put(frame)
            }
        }
        defer { acker.cancel() }
        for _ in 0..<258 { try await link.send(.idle) }
        // Resends repeat the frame before them; every other frame is the next number.
        var sequence: [String] = []
        while sequence.count < 258 {
            let frame = try await seen.next()
            if frame != sequence.last { sequence.append(frame) }
        }
        #expect(sequence.count == 258)
        #expect(sequence.suffix(3) == [#"{"seq":255,"type":"idle"}"#, #"{"seq":0,"type":"idle"}"#, #"{"seq":1,"type":"idle"}"#])
    }
}
