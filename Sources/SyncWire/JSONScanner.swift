/// Reads JSON text in one pass, for bodies too frequent or too large to go through `JSONDecoder`: the central
/// server's answer to each upload names every transaction of the batch, and the upload itself carries them all. Strict JSON (RFC 8259), but for text: bytes
/// that are not UTF-8, and lone surrogate escapes, are read as U+FFFD. The caller asks for the shape it
/// expects, and skips members it does not know.
public struct JSONScanner: ~Copyable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    let bytes: UnsafeRawBufferPointer
    var position = 0
    /// Containers open around the current position; deeper nesting is refused, not followed.
    private var depth = 0
    public static let maximumDepth = 64

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Reads `{`; then `nextKey(&count)` gives each member's key until the `}`.
    public mutating func beginObject() throws(Failure) {
        try open(UInt8(ascii: "{"), "an object")
    }

    /// The next member's key with its `:` read, or nil once the object's `}` is read. `count` counts the members.
    public mutating func nextKey(_ count: inout Int) throws(Failure) -> String? {
        guard try nextItem(&count, closing: UInt8(ascii: "}")) else { return nil }
        let key = try string()
        skipSpace()
        try expect(UInt8(ascii: ":"), "':' after a key")
        return key
    }

    /// Reads `[`; then `nextElement(&count)` is true before each element until the `]`.
    public mutating func beginArray() throws(Failure) {
        try open(UInt8(ascii: "["), "an array")
    }

    public mutating func nextElement(_ count: inout Int) throws(Failure) -> Bool {
        try nextItem(&count, closing: UInt8(ascii: "]"))
    }

    public mutating func stringArray() throws(Failure) -> [String] {
        var strings: [String] = []
        try beginArray()
        var count = 0
        while try nextElement(&count) { strings.append(try string()) }
        return strings
    }

    public mutating func string() throws(Failure) -> String {
        skipSpace()
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            case UInt8(ascii: "\\"):
                return try escapedString(from: start)
            case ..<0x20:
                throw failure("a control character inside a string")
            default:
                position += 1
            }
        }
        throw failure("the end of a string")
    }

    /// The kinds of value JSON has, told apart by a value's first byte.
    public enum Kind: Sendable {
        case string, number, object, array, boolean, null
    }

    /// The kind of the value that comes next, which is left unread.
    public mutating func kind() throws(Failure) -> Kind {
        skipSpace()
        guard position < bytes.count else { throw failure("a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw failure("a value")
        }
    }

    /// Reads a number and gives its value if it is a whole number an `Int64` holds, nil if it is not.
    /// `1000`, `1000.0` and `1.0e3` are the same 1000, as `JSONDecoder` reads them.
    public mutating func integer() throws(Failure) -> Int64? {
        skipSpace()
        let start = position
        try number()
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
        if let whole = Self.wholeNumber(text) { return whole }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.rounded() == value,
              value >= -0x1p63, value < 0x1p63 else { return nil }
        return Int64(value)
    }

    /// Plain integer text (`-`? digits) that fits in an `Int64`; nil for anything else.
    private static func wholeNumber(_ text: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < text.count else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let byte = text[index]
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAgain) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflow, !overflowAgain else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// Reads and discards one value of any kind.
    public mutating func skipValue() throws(Failure) {
        skipSpace()
        guard position < bytes.count else { throw failure("a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"):
            try beginObject()
            var count = 0
            while try nextKey(&count) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var count = 0
            while try nextElement(&count) { try skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    /// Reads one value of any kind and gives the first key an object inside it names twice, if any; the
    /// socket API's bodies are checked with it, as Foundation's parsers keep one of the two silently.
    public mutating func repeatedKey() throws(Failure) -> String? {
        skipSpace()
        guard position < bytes.count else { throw failure("a value") }
        var repeated: String?
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try beginObject()
            var count = 0
            var seen: Set<String> = []
            while let key = try nextKey(&count) {
                if !seen.insert(key).inserted { repeated = repeated ?? key }
                let inner = try repeatedKey()
                repeated = repeated ?? inner
            }
        case UInt8(ascii: "["):
            try beginArray()
            var count = 0
            while try nextElement(&count) {
                let inner = try repeatedKey()
                repeated = repeated ?? inner
            }
        default:
            try skipValue()
        }
        return repeated
    }

    /// Only whitespace may follow the value read.
    public mutating func end() throws(Failure) {
        skipSpace()
        guard position == bytes.count else { throw failure("the end of the text") }
    }

    private mutating func open(_ byte: UInt8, _ what: String) throws(Failure) {
        skipSpace()
        try expect(byte, what)
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("at most \(Self.maximumDepth) nested arrays and objects") }
    }

    mutating func nextItem(_ count: inout Int, closing: UInt8) throws(Failure) -> Bool {
        skipSpace()
        if position < bytes.count, bytes[position] == closing {
            position += 1
            depth -= 1
            return false
        }
        if count > 0 { try expect(UInt8(ascii: ","), "',' or '\(Character(Unicode.Scalar(closing)))'") }
        count += 1
        return true
    }

    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var text = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try unescape(into: &text)
            case ..<0x20:
                position -= 1
                throw failure("a control character inside a string")
            default:
                text.append(byte)
            }
        }
        throw failure("the end of a string")
    }

    private mutating func unescape(into text: inout [UInt8]) throws(Failure) {
        guard position < bytes.count else { throw failure("an escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hexQuad()
            if (0xD800..<0xDC00).contains(code), position + 1 < bytes.count,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("the second half of a surrogate pair") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            // A lone surrogate is no character: it becomes U+FFFD, as invalid UTF-8 does.
            text.append(contentsOf: String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8)
        default:
            position -= 1
            throw failure("a valid escape")
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = Self.hexValue(bytes[position]) else { throw failure("four hex digits") }
            code = code << 4 | digit
            position += 1
        }
        return code
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func number() throws(Failure) {
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        if position < bytes.count, bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            guard digits() > 0 else { throw failure("a value") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw failure("digits of an exponent") }
        }
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let matches = word.withUTF8Buffer { letters in
            position + letters.count <= bytes.count && letters.indices.allSatisfy { bytes[position + $0] == letters[$0] }
        }
        guard matches else { throw failure("a value") }
        position += word.utf8CodeUnitCount
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard position < bytes.count, bytes[position] == byte else { throw failure(what) }
        position += 1
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func failure(_ expected: String) -> Failure {
        Failure(description: "expected \(expected) at byte \(position)")
    }
}
