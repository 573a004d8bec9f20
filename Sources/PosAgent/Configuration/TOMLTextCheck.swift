/// Two things TOMLKit (toml++ 3) gets wrong, refused before it sees the text, so `posagent config check`
/// reports them like any other mistake:
/// - it reads the text as a C string, so a NUL byte would silently end the file there;
/// - it asserts, and so aborts the process, on a table header whose name starts with a character a key
///   cannot start with (`[+store]`), or that ends its line before a name (`[`). A line inside a multi-line array or string that looks like such a
///   header is refused too: no posagent setting needs one.
enum TOMLTextCheck {
    /// A problem with its line and column (from 1), or nil.
    static func problem(in text: String) -> String? {
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == 0x0A } + 1
            return "line \(line): the file holds a NUL byte, which TOML does not allow; the file may be damaged"
        }
        // Scalars, not characters: "\r\n" is one character, and a line may end with either.
        // toml++ skips a byte order mark that starts the file.
        let body = text.unicodeScalars.first == "\u{FEFF}" ? text.unicodeScalars.dropFirst() : text.unicodeScalars[...]
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
