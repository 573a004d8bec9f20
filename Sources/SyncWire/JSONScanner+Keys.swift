extension JSONScanner {
    /// The keys an object of a known shape has. A key written without escapes is matched by its bytes as
    /// they stand in the text, so reading it makes no `String`: an upload's 500 transactions name 16 keys each.
    public struct KeyTable: Sendable {
        fileprivate let keys: [[UInt8]]

        public init(_ keys: [String]) {
            self.keys = keys.map { Array($0.utf8) }
        }

        fileprivate func index(of text: UnsafeRawBufferPointer) -> Int? {
            for (index, key) in keys.enumerated() where key.count == text.count {
                if key.withUnsafeBytes({ $0.elementsEqual(text) }) { return index }
            }
            return nil
        }

        fileprivate func index(of text: String) -> Int? {
            keys.firstIndex { $0.elementsEqual(text.utf8) }
        }
    }

    /// A key as `nextKey(_:in:)` read it.
    public enum Key: Equatable, Sendable {
        /// The key at this index of the table.
        case known(Int)
        /// A key the table does not hold.
        case other(String)
    }

    /// The next member's key, matched against `table`, with its `:` read; nil once the object's `}` is read.
    /// A key written with escapes (`"i\u0064"`) is the key it spells, as `nextKey(_:)` reads it.
    public mutating func nextKey(_ count: inout Int, in table: KeyTable) throws(Failure) -> Key? {
        guard try nextItem(&count, closing: UInt8(ascii: "}")) else { return nil }
        skipSpace()
        let quote = position
        try expect(UInt8(ascii: "\""), "a string")
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\"),
              bytes[position] >= 0x20 {
            position += 1
        }
        let key: Key
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            let text = UnsafeRawBufferPointer(rebasing: bytes[(quote + 1)..<position])
            position += 1
            key = table.index(of: text).map(Key.known) ?? .other(String(decoding: text, as: UTF8.self))
        } else {
            // An escape, a control character or the end of the text: read the key the general way, which
            // unescapes it or says what is wrong.
            position = quote
            let text = try string()
            key = table.index(of: text).map(Key.known) ?? .other(text)
        }
        skipSpace()
        try expect(UInt8(ascii: ":"), "':' after a key")
        return key
    }
}
