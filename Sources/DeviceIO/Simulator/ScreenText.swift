/// How a simulator shows what the agent put on the tablet's screen, one line per message.
public enum ScreenText {
    public static func render(_ message: AgentMessage) -> String {
        switch message {
        case .hello:
            return "[hello] the agent opened a session"
        case .idle:
            return "[idle]"
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
}
