/// Base32 of RFC 4648 (alphabet A–Z, 2–7): how authenticator apps take an OTP secret. Encoded without `=`
/// padding, as otpauth:// URIs carry it; decoding accepts lower case, padding, spaces and hyphens, as people
/// and servers write it.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `text`, or nil when it is not Base32 (a letter outside the alphabet, or a length that
    /// no whole number of bytes encodes to).
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0, bits = 0, count = 0
        for character in text.utf8 where character != UInt8(ascii: "=") && character != UInt8(ascii: " ") && character != UInt8(ascii: "-") {
            let value: Int
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(character - UInt8(ascii: "a"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = Int(character - UInt8(ascii: "2")) + 26
            default: return nil
            }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            count += 1
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        // 1, 3 and 6 leftover characters encode no whole byte; leftover bits must be zero.
        guard ![1, 3, 6].contains(count % 8), buffer & ((1 << bits) - 1) == 0 else { return nil }
        return output
    }
}
