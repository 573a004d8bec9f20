import Foundation

/// One line a person types at a simulator, or one line of a simulator script.
///
/// Tablet: a bare value (`01012345678`) is typed key by key and confirmed for the prompt on screen;
/// `key 5|back|clear`, `input MODE VALUE`, `cancel`, `wait SECONDS`, `wait-prompt`,
/// `fault drop-ack|corrupt|drop-frame N`, `quit`.
/// Scanner: a bare value is scanned; `raw HEX…` sends bytes as they are; `wait SECONDS`, `quit`.
/// Both: `help` lists the commands. Blank lines and lines starting with `#` are ignored.
public enum SimulatorCommand: Hashable, Sendable {
    case enter(String)
    case key(TabletKey)
    case input(PromptMode, String)
    case cancel
    case wait(Duration)
    case waitForPrompt
    case fault(LinkFaults)
    case raw([UInt8])
    case help
    case quit

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: String
        public var reason: String
        public var description: String { "cannot use \"\(line)\": \(reason)" }
    }

    /// Parses a line; nil for a blank line or a comment.
    public static func parse(_ line: String) throws(ParseError) -> SimulatorCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func fail(_ reason: String) -> ParseError { ParseError(line: line, reason: reason) }
        switch words[0] {
        case "quit", "exit":
            return .quit
        case "help", "?":
            return .help
        case "cancel":
            return .cancel
        case "wait-prompt":
            return .waitForPrompt
        case "wait":
            guard words.count == 2, let seconds = Double(words[1]), seconds >= 0 else { throw fail("write wait SECONDS, e.g. wait 0.5") }
            return .wait(.milliseconds(Int64(seconds * 1000)))
        case "key":
            guard words.count == 2, let key = TabletKey(wireName: words[1]) else { throw fail("keys are 0-9, back and clear") }
            return .key(key)
        case "input":
            guard words.count == 3, let mode = PromptMode(rawValue: words[1]) else {
                throw fail("write input MODE VALUE with MODE one of \(PromptMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .input(mode, words[2])
        case "fault":
            guard words.count == 3, let count = Int(words[2]), count >= 0 else { throw fail("write fault drop-ack|corrupt|drop-frame COUNT") }
            switch words[1] {
            case "drop-ack": return .fault(LinkFaults(dropAcks: count))
            case "corrupt": return .fault(LinkFaults(corruptFrames: count))
            case "drop-frame": return .fault(LinkFaults(dropFrames: count))
            default: throw fail("faults are drop-ack, corrupt and drop-frame")
            }
        case "raw":
            let bytes = words.dropFirst().compactMap { UInt8($0.hasPrefix("0x") ? String($0.dropFirst(2)) : $0, radix: 16) }
            guard bytes.count == words.count - 1, !bytes.isEmpty else { throw fail("write raw followed by hex bytes, e.g. raw 31 32 0d") }
            return .raw(bytes)
        default:
            guard words.count == 1 else { throw fail("a value has no spaces; see the command list with help") }
            return .enter(words[0])
        }
    }
}

extension SimulatorCommand {
    static let tabletHelp = """
        01012345678            type the value key by key and confirm it for the prompt on screen
        key 0-9|back|clear     press one key
        input MODE VALUE       confirm VALUE for MODE (phone, barcode_or_phone, otp, points, confirm)
        cancel                 cancel the prompt
        wait SECONDS           pause (for scripts)
        wait-prompt            wait until the agent shows a prompt (for scripts)
        fault drop-ack|corrupt|drop-frame N   misbehave on the next N frames
        quit                   unplug the tablet and exit
        """

    static let scannerHelp = """
        8801234567893          scan this code
        raw 31 32 0d           send these bytes as they are
        wait SECONDS           pause (for scripts)
        quit                   unplug the scanner and exit
        """

    static let keyboardScannerHelp = """
        8801234567893          type this code and Enter, as a scanner in keyboard mode
        wait SECONDS           pause (for scripts)
        quit                   unplug the scanner and exit
        """
}
