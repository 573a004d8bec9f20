import Checksums
import Foundation

extension AgentMessage: TabletWireRepresentable {
    public var typeName: String {
        switch self {
        case .hello: "hello"
        case .prompt: "prompt"
        case .result: "result"
        case .message: "message"
        case .idle, .rotation: "idle"
        case .image: "image"
        case .chunk: "chunk"
        case .forget: "forget"
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
        case .rotation(let rotation):
            wire.images = rotation.images
            wire.secondsPerImage = rotation.secondsPerImage
        case .image(let offer):
            wire.sha256 = offer.sha256
            wire.title = offer.title
            wire.format = offer.format
            wire.width = offer.width
            wire.height = offer.height
            wire.size = offer.size
            wire.offset = offer.offset
        case .chunk(let chunk):
            wire.sha256 = chunk.sha256
            wire.offset = chunk.offset
            wire.data = Data(chunk.data).base64EncodedString()
            wire.crc32 = CRC32.hex(chunk.crc32)
        case .forget(let images):
            wire.images = images
        }
        return try wire.encoded()
    }

    public init(wire bytes: [UInt8]) throws(DeviceIOError) {
        let wire = try WireMessage.decode(bytes)
        switch wire.type {
        case "hello": self = .hello
        case "idle":
            if let images = wire.images {
                self = .rotation(IdleRotation(images: images, secondsPerImage: try wire.require(wire.secondsPerImage, "secondsPerImage")))
            } else {
                self = .idle
            }
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
        case "image":
            self = .image(ImageOffer(
                sha256: try wire.require(wire.sha256, "sha256"), title: wire.title ?? "", format: try wire.require(wire.format, "format"),
                width: wire.width ?? 0, height: wire.height ?? 0, size: try wire.require(wire.size, "size"),
                offset: try wire.require(wire.offset, "offset")))
        case "chunk":
            let text = try wire.require(wire.data, "data")
            guard let data = Data(base64Encoded: text) else {
                throw DeviceIOError(.invalidMessage, "a chunk's data is not base64")
            }
            let crcText = try wire.require(wire.crc32, "crc32")
            guard crcText.utf8.count == 8, let crc = UInt32(crcText, radix: 16) else {
                throw DeviceIOError(.invalidMessage, "a chunk's crc32 is not 8 hex digits")
            }
            self = .chunk(ImageChunk(sha256: try wire.require(wire.sha256, "sha256"), offset: try wire.require(wire.offset, "offset"),
                                     data: Array(data), crc32: crc))
        case "forget":
            self = .forget(try wire.require(wire.images, "images"))
        default:
            throw wire.unknownType()
        }
    }
}
