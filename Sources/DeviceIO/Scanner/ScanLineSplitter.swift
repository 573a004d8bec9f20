/// Splits a scanner's byte stream into lines ended by CR, LF or CRLF.
///
/// A CRLF is one terminator even when CR and LF arrive in different reads. Empty lines are dropped.
/// A line longer than the limit is not buffered past it: the rest is skipped up to the next
/// terminator and the line is reported as overlong.
public struct ScanLineSplitter: Sendable {
    public enum Output: Hashable, Sendable {
        case line([UInt8])
        case overlong(length: Int)
    }

    public let maxLength: Int
    private var line: [UInt8] = []
    private var overflow = 0
    private var lastWasCR = false

    public init(maxLength: Int = 128) {
        self.maxLength = maxLength
    }

    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [Output] {
        var outputs: [Output] = []
        for byte in bytes {
            defer { lastWasCR = byte == UInt8(ascii: "\r") }
            switch byte {
            case UInt8(ascii: "\n") where lastWasCR:
                continue
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if let output = finishLine() { outputs.append(output) }
            default:
                if line.count < maxLength {
                    line.append(byte)
                } else {
                    overflow += 1
                }
            }
        }
        return outputs
    }

    private mutating func finishLine() -> Output? {
        defer {
            line.removeAll(keepingCapacity: true)
            overflow = 0
        }
        if overflow > 0 { return .overlong(length: line.count + overflow) }
        return line.isEmpty ? nil : .line(line)
    }
}
