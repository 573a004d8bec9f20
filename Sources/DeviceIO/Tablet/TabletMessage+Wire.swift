extension TabletMessage: TabletWireRepresentable {
    public var typeName: String {
        switch self {
        case .hello: "hello"
        case .key: "key"
        case .input: "input"
        case .cancel: "cancel"
        case .heartbeat: "heartbeat"
        case .stored: "stored"
        case .need: "need"
        }
    }

    public func wire(seq: UInt8) throws(DeviceIOError) -> [UInt8] {
        var wire = WireMessage(type: typeName)
        wire.seq = Int(seq)
        switch self {
        case .cancel, .heartbeat:
            break
        case .hello(let info, let holdings):
            wire.model = info.model
            wire.firmware = info.firmware
            wire.serial = info.serial
            wire.images = holdings?.images
            wire.partial = holdings?.partial.map { WireMessage.Partial(sha256: $0.sha256, offset: $0.offset) }
        case .stored(let sha256):
            wire.sha256 = sha256
        case .need(let sha256, let offset):
            wire.sha256 = sha256
            wire.offset = offset
        case .key(let key):
            wire.key = key.wireName
        case .input(let mode, let value):
            wire.mode = mode.rawValue
            wire.value = value
        }
        return try wire.encoded()
    }

    public init(wire bytes: [UInt8]) throws(DeviceIOError) {
        let wire = try WireMessage.decode(bytes)
        switch wire.type {
        case "cancel": self = .cancel
        case "heartbeat": self = .heartbeat
        case "hello":
            self = .hello(TabletInfo(
                model: try wire.require(wire.model, "model"),
                firmware: try wire.require(wire.firmware, "firmware"),
                serial: try wire.require(wire.serial, "serial")
            ), holdings: wire.images.map { images in
                TabletHoldings(images: images, partial: wire.partial.map { PartialImage(sha256: $0.sha256, offset: $0.offset) })
            })
        case "stored":
            self = .stored(sha256: try wire.require(wire.sha256, "sha256"))
        case "need":
            self = .need(sha256: try wire.require(wire.sha256, "sha256"), offset: try wire.require(wire.offset, "offset"))
        case "key":
            let name = try wire.require(wire.key, "key")
            guard let key = TabletKey(wireName: name) else {
                throw DeviceIOError(.invalidMessage, "unknown key \"\(name)\"")
            }
            self = .key(key)
        case "input":
            let modeName = try wire.require(wire.mode, "mode")
            guard let mode = PromptMode(rawValue: modeName) else {
                throw DeviceIOError(.invalidMessage, "unknown input mode \"\(modeName)\"")
            }
            self = .input(mode: mode, value: try wire.require(wire.value, "value"))
        default:
            throw wire.unknownType()
        }
    }
}

/// Reads the sequence number of a frame body without decoding the message, so a repeated frame
/// is acknowledged even when its content is not understood.
enum FrameSequence {
    static func of(_ payload: [UInt8]) -> UInt8? {
        header(payload)?.seq
    }

    /// The sequence number, and whether the frame opens a session (`hello`).
    static func header(_ payload: [UInt8]) -> (seq: UInt8, opensSession: Bool)? {
        guard let wire = try? WireMessage.decode(payload), let seq = wire.seq, (0...255).contains(seq) else {
            return nil
        }
        return (UInt8(seq), wire.type == "hello")
    }
}
