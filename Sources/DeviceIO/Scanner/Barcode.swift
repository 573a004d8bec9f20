/// One scanned code, as text, with the AIM symbology identifier when the scanner sent one.
public struct Barcode: Hashable, Sendable, CustomStringConvertible {
    public var value: String
    /// The AIM identifier without its `]`, e.g. `"E0"` for EAN-13; nil when the scanner sends none.
    public var symbology: String?

    public init(value: String, symbology: String? = nil) {
        self.value = value
        self.symbology = symbology
    }

    public var description: String { value }
}

/// Why a line from a scanner was not turned into a barcode.
public enum ScanRejection: Error, Hashable, Sendable, CustomStringConvertible {
    case overlong(length: Int)
    case controlByte(UInt8)
    case nonASCII(UInt8)
    case emptyAfterPrefix
    /// A keyboard scanner's code had a key that types nothing the agent reads (a function key, or a
    /// key with Ctrl or Alt held).
    case unmappedKey(UInt16)
    /// Keys came further apart than a scanner types them: someone typed on the device.
    case typedSlowly(gap: Duration, limit: Duration)

    public var description: String {
        switch self {
        case .overlong(let length): "a \(length)-byte line is longer than a barcode can be; check the scanner's suffix setting"
        case .controlByte(let byte): "a line has control byte 0x\(String(byte, radix: 16)); check the scanner's keyboard/serial mode"
        case .nonASCII(let byte): "a line has non-ASCII byte 0x\(String(byte, radix: 16)); check the baud rate"
        case .emptyAfterPrefix: "a line has a symbology prefix and no code"
        case .unmappedKey(let code): "a keyboard scan has key code \(code), which types no character; set the scanner to a US keyboard layout without function-key or control-character output"
        case .typedSlowly(let gap, let limit): "keys came \(gap.milliseconds) ms apart (the rule allows \(limit.milliseconds) ms), so this was typing, not a scan; raise inter_key_timeout_ms if the scanner is set to type slowly"
        }
    }
}

enum BarcodeParser {
    /// Validates one line and strips an AIM symbology identifier (`]` + code character + modifier).
    static func parse(_ line: [UInt8]) -> Result<Barcode, ScanRejection> {
        for byte in line {
            if byte >= 0x80 { return .failure(.nonASCII(byte)) }
            if byte < 0x20 || byte == 0x7F { return .failure(.controlByte(byte)) }
        }
        var symbology: String?
        var code = line[...]
        if line.count >= 3, line[0] == UInt8(ascii: "]"), Self.isAIMCharacter(line[1]), Self.isAIMModifier(line[2]) {
            symbology = String(decoding: line[1...2], as: UTF8.self)
            code = line[3...]
            if code.isEmpty { return .failure(.emptyAfterPrefix) }
        }
        return .success(Barcode(value: String(decoding: code, as: UTF8.self), symbology: symbology))
    }

    /// AIM code characters are letters (A, C, E, Q, d, …); modifiers are digits or uppercase letters.
    private static func isAIMCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isAIMModifier(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

extension Duration {
    /// Whole milliseconds, for messages.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
