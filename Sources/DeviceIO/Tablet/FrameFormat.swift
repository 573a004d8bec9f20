/// The byte-level constants of the tablet protocol (see docs/tablet-protocol.md).
public enum FrameFormat {
    public static let stx: UInt8 = 0x02
    public static let etx: UInt8 = 0x03
    public static let ack: UInt8 = 0x06
    public static let nak: UInt8 = 0x15
    /// A whole frame, STX through the last CRC digit, is at most this long.
    public static let maxFrameLength = 4096
    /// STX + ETX + four CRC digits.
    static let overhead = 6
    /// The longest JSON body a frame can carry.
    public static let maxPayloadLength = maxFrameLength - overhead

    /// Wraps a JSON body in a frame. Fails if the body is too long or has a byte below 0x20,
    /// because the receiver would reject such a frame anyway.
    public static func encode(payload: [UInt8]) throws(DeviceIOError) -> [UInt8] {
        guard payload.count <= maxPayloadLength else {
            throw DeviceIOError(
                .encodingFailed,
                "a tablet frame body of \(payload.count) bytes exceeds the \(maxPayloadLength)-byte limit; shorten the text shown"
            )
        }
        guard !payload.contains(where: { $0 < 0x20 }) else {
            throw DeviceIOError(.encodingFailed, "a tablet frame body contains a control byte; escape it in the JSON")
        }
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + overhead)
        frame.append(stx)
        frame.append(contentsOf: payload)
        frame.append(etx)
        frame.append(contentsOf: CRC16.hexDigits(CRC16.ccittFalse(payload)))
        return frame
    }
}
