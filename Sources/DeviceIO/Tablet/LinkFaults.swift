/// Deliberate misbehaviour of one end of a tablet link, so tests, the demo and a person at the
/// simulator can watch retransmission and duplicate suppression happen.
public struct LinkFaults: Hashable, Sendable {
    /// Received good frames to leave unacknowledged, as if the ACK were lost on the wire.
    public var dropAcks: Int
    /// Transmissions to send with a wrong CRC, so the peer answers NAK.
    public var corruptFrames: Int
    /// Transmissions to leave unsent, as if the frame were lost on the wire.
    public var dropFrames: Int

    /// Transmissions whose body has one letter or digit changed under a correct CRC-16, as damage the frame
    /// check misses: an image chunk's own CRC-32 has to catch it.
    public var corruptBodies: Int

    public init(dropAcks: Int = 0, corruptFrames: Int = 0, dropFrames: Int = 0, corruptBodies: Int = 0) {
        self.dropAcks = dropAcks
        self.corruptFrames = corruptFrames
        self.dropFrames = dropFrames
        self.corruptBodies = corruptBodies
    }
}
