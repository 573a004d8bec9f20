/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
/// The check value of the ASCII string "123456789" is 0x29B1.
public enum CRC16 {
    public static func ccittFalse<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }

    /// The checksum as the frame carries it: four uppercase hexadecimal ASCII digits.
    static func hexDigits(_ crc: UInt16) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [12, 8, 4, 0].map { digits[Int((crc >> UInt16($0)) & 0xF)] }
    }
}
