extension AgentMessage: TabletWireRepresentable {
    public var typeName: String {
        switch self {
        case .hello: "hello"
        case .prompt: "prompt"
        case .result: "result"
        case .message: "message"
        case .idle: "idle"
        }
    }

    public func wire(seq: UInt8) throws(DeviceIOError) -> [UInt8] {
        var wire = WireMessage(type: typeName)
        wire.seq = Int(seq)
        switch self {
        case .hello, .idle:
            break
        case .prompt(let prompt):
            wire.mode = prompt.mode.rawValue
            wire.title = prompt.title
            wire.amount = prompt.amount
            wire.balance = prompt.balance
            wire.timeoutSeconds = prompt.timeoutSeconds
        case .result(let result):
            wire.title = result.title
            wire.lines = result.lines
            wire.points = result.points
            wire.stamps = result.stamps
        case .message(let text):
            wire.text = text
        }
        return try wire.encoded()
    }

    public init(wire bytes: [UInt8]) throws(DeviceIOError) {
        let wire = try WireMessage.decode(bytes)
        switch wire.type {
        case "hello": self = .hello
        case "idle": self = .idle
        case "message": self = .message(text: try wire.require(wire.text, "text"))
        case "prompt":
            let modeName = try wire.require(wire.mode, "mode")
            guard let mode = PromptMode(rawValue: modeName) else {
                throw DeviceIOError(.invalidMessage, "unknown prompt mode \"\(modeName)\"")
            }
            self = .prompt(TabletPrompt(
                mode: mode, title: try wire.require(wire.title, "title"),
                amount: wire.amount, balance: wire.balance, timeoutSeconds: wire.timeoutSeconds
            ))
        case "result":
            self = .result(TabletResult(
                title: try wire.require(wire.title, "title"), lines: try wire.require(wire.lines, "lines"),
                points: wire.points, stamps: wire.stamps
            ))
        default:
            throw wire.unknownType()
        }
    }
}
