/// How a simulator shows what the agent put on the tablet's screen, one line per message.
public enum ScreenText {
    public static func render(_ message: AgentMessage) -> String {
        switch message {
        case .hello:
            return "[hello] the agent opened a session"
        case .idle:
            return "[idle]"
        case .rotation(let rotation):
            return "[idle] rotating \(rotation.images.count) image\(rotation.images.count == 1 ? "" : "s"), \(rotation.secondsPerImage) s each"
        case .image(let offer):
            let from = offer.offset == 0 ? "" : ", from byte \(offer.offset)"
            return "[image] receiving \(describe(title: offer.title, format: offer.format, width: offer.width, height: offer.height, size: offer.size))\(from)"
        case .chunk(let chunk):
            return "[chunk] \(chunk.data.count) bytes at \(chunk.offset) of \(chunk.sha256.prefix(12))"
        case .forget(let images):
            return "[forget] \(images.count) image\(images.count == 1 ? "" : "s") no longer in the set"
        case .message(let text):
            return "[message] \(text)"
        case .prompt(let prompt):
            var parts = ["[prompt \(prompt.mode.rawValue)] \(prompt.title)"]
            if let amount = prompt.amount { parts.append("amount \(amount)") }
            if let balance = prompt.balance { parts.append("balance \(balance)") }
            if let timeout = prompt.timeoutSeconds { parts.append("timeout \(timeout)s") }
            return parts.joined(separator: " | ")
        case .result(let result):
            var parts = ["[result] \(result.title)"] + result.lines
            if let points = result.points { parts.append("points \(points)") }
            if let stamps = result.stamps { parts.append("stamps \(stamps)") }
            return parts.joined(separator: " | ")
        }
    }

    /// `겨울 이벤트 | 638 × 300 png, 5,120 bytes`
    public static func describe(title: String, format: String, width: Int, height: Int, size: Int) -> String {
        "\(title.isEmpty ? "(untitled)" : title) | \(width) × \(height) \(format), \(size) bytes"
    }

    /// `[idle 2/3] 겨울 이벤트 | 638 × 300 png, 5120 bytes`
    public static func rotating(_ image: ImageFile?, sha256: String, position: Int, of count: Int) -> String {
        let what = image.map { describe(title: $0.title, format: $0.format, width: $0.width, height: $0.height, size: $0.size) }
            ?? "\(sha256.prefix(12)) (not held)"
        return "[idle \(position)/\(count)] \(what)"
    }
}
