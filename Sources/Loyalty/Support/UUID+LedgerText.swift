import Foundation

extension UUID {
    /// Reads a sync id as the ledger stores it (`8-4-4-4-12` hex digits). `UUID(uuidString:)` goes through
    /// `sscanf`, which was a tenth of the uploader's time reading a backlog; anything this does not
    /// recognize is left to it.
    init?(ledgerText text: String) {
        var text = text
        let parsed = text.withUTF8 { characters -> uuid_t? in
            guard characters.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &bytes) { output -> Bool in
                var index = 0
                for position in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard characters[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = Self.hexValue(characters[index]), let low = Self.hexValue(characters[index + 1]) else {
                        return false
                    }
                    output[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return complete ? bytes : nil
        }
        if let parsed {
            self.init(uuid: parsed)
        } else {
            self.init(uuidString: text)
        }
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
