/// What TOMLKit (toml++ 3) gets wrong, refused before it sees the text, so `posagent config check`
/// reports them like any other mistake:
/// - it reads the text as a C string, so a NUL byte would silently end the file there;
/// - it asserts, and so aborts the process, on a table header whose name starts with a character a key
///   cannot start with (`[+store]`), or that ends its line before a name (`[`), and on a `}` where an
///   array's value belongs (`a = [}`, `a = [1, }`). A line inside a multi-line array or string that
///   looks like such a header is refused too: no posagent setting needs one.
enum TOMLTextCheck {
    /// A problem with its line and column (from 1), or nil.
    static func problem(in text: String) -> String? {
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == 0x0A } + 1
            return "line \(line): the file holds a NUL byte, which TOML does not allow; the file may be damaged"
        }
        if let brace = misplacedBrace(in: Array(text.utf8)) { return brace }
        // toml++ skips a byte order mark that starts the file.
        let body = text.unicodeScalars.first == "\u{FEFF}" ? text.unicodeScalars.dropFirst() : text.unicodeScalars[...]
        // Scalars, not characters: "\r\n" is one character, and a line may end with either.
        for (index, scalars) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = scalars.drop(while: isSpace)
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst().drop(while: isSpace)
            if rest.first == "[" { rest = rest.dropFirst().drop(while: isSpace) }
            if let first = rest.first, startsKey(first) { continue }
            let column = scalars.distance(from: scalars.startIndex, to: rest.startIndex) + 1
            return "line \(index + 1), column \(column): a table name starts with a letter, digit, '_', '-' or a quote, "
                + "as in [store] or [[devices]]"
        }
        return nil
    }

    /// A `}` after a `[` or `,` with only blanks, line ends and comments between, outside strings and comments.
    private static func misplacedBrace(in bytes: [UInt8]) -> String? {
        var index = 0
        var afterOpening = false
        func starts(_ word: String, at position: Int) -> Bool {
            let letters = Array(word.utf8)
            return position + letters.count <= bytes.count && Array(bytes[position..<position + letters.count]) == letters
        }
        /// Skips a string from its opening quote(s) to its end (or the text's); escapes only in basic strings.
        func skipString(_ quote: UInt8) {
            let triple = starts(String(repeating: Character(Unicode.Scalar(quote)), count: 3), at: index)
            index += triple ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { index += 2; continue }
                if byte == 0x0A, !triple { return }
                if byte == quote, !triple || starts(String(repeating: Character(Unicode.Scalar(quote)), count: 3), at: index) {
                    index += triple ? 3 : 1
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(byte)
                afterOpening = false
                continue
            case UInt8(ascii: "["), UInt8(ascii: ","):
                afterOpening = true
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            case UInt8(ascii: "}") where afterOpening:
                let before = bytes[..<index]
                let line = before.count { $0 == 0x0A } + 1
                let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let column = bytes[lineStart..<index].count { $0 & 0xC0 != 0x80 } + 1
                return "line \(line), column \(column): '}' where a value belongs; an array ends with ']', as in [1, 2]"
            default:
                afterOpening = false
            }
            index += 1
        }
        return nil
    }

    /// What toml++ skips before and inside a header; it refuses other blanks itself.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    /// What toml++ lets a header's name start with, and the closing bracket, which it reports itself.
    private static func startsKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": true
        default: false
        }
    }
}
