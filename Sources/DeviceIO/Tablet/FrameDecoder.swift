/// What the frame decoder found in the byte stream.
public enum FrameEvent: Hashable, Sendable {
    /// A frame whose CRC matched; the JSON body without STX, ETX and CRC.
    case frame([UInt8])
    /// A complete frame whose CRC did not match: the receiver answers NAK.
    case badChecksum
    /// A frame broken by a control byte, a non-hex CRC digit, or excess length: no answer is sent,
    /// the sender's timeout retransmits it.
    case malformed(MalformedReason)
    /// An ACK byte outside any frame.
    case ack
    /// A NAK byte outside any frame.
    case nak

    public enum MalformedReason: Hashable, Sendable {
        case controlByte(UInt8)
        case badChecksumDigit(UInt8)
        case oversize
    }
}

/// Turns the bytes of a tablet link, in pieces of any size, into frames and link signals.
///
/// Garbage before STX is skipped; a new STX inside a frame restarts it. Memory is bounded by the
/// 4 KiB frame limit whatever the input.
public struct FrameDecoder: Sendable {
    private enum State: Sendable {
        case idle
        case body
        case checksum(digits: UInt16, count: Int)
    }

    private var state: State = .idle
    private var body: [UInt8] = []

    public init() {}

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [FrameEvent] {
        var events: [FrameEvent] = []
        for byte in bytes {
            step(byte, into: &events)
        }
        return events
    }

    private mutating func step(_ byte: UInt8, into events: inout [FrameEvent]) {
        if byte == FrameFormat.stx {
            startFrame()
            return
        }
        switch state {
        case .idle:
            if let signal = Self.signal(byte) { events.append(signal) }
        case .body:
            if byte == FrameFormat.etx {
                state = .checksum(digits: 0, count: 0)
            } else if byte < 0x20 {
                abandon(.controlByte(byte), byte, into: &events)
            } else if body.count >= FrameFormat.maxPayloadLength {
                abandon(.oversize, byte, into: &events)
            } else {
                body.append(byte)
            }
        case .checksum(let digits, let count):
            guard let value = Self.hexValue(byte) else {
                abandon(byte < 0x20 ? .controlByte(byte) : .badChecksumDigit(byte), byte, into: &events)
                return
            }
            let crc = digits << 4 | UInt16(value)
            guard count == 3 else {
                state = .checksum(digits: crc, count: count + 1)
                return
            }
            events.append(CRC16.ccittFalse(body) == crc ? .frame(body) : .badChecksum)
            reset()
        }
    }

    private mutating func startFrame() {
        state = .body
        body.removeAll(keepingCapacity: true)
    }

    private mutating func reset() {
        state = .idle
        body.removeAll(keepingCapacity: true)
    }

    /// Drops the frame in progress. An ACK or NAK that broke it is still a signal: a sender never
    /// writes them inside a frame, so the frame was truncated and the signal is real.
    private mutating func abandon(
        _ reason: FrameEvent.MalformedReason, _ byte: UInt8, into events: inout [FrameEvent]
    ) {
        reset()
        events.append(.malformed(reason))
        if let signal = Self.signal(byte) { events.append(signal) }
    }

    private static func signal(_ byte: UInt8) -> FrameEvent? {
        switch byte {
        case FrameFormat.ack: .ack
        case FrameFormat.nak: .nak
        default: nil
        }
    }

    /// Uppercase only, as the protocol specifies.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
