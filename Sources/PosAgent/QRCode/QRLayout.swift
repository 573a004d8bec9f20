/// Where things are in a QR symbol of a given version (ISO/IEC 18004 sections 6.3 and 7.7–7.9): the
/// function patterns every reader looks for first, and the modules left for data.
enum QRLayout {
    static func size(version: Int) -> Int { version * 4 + 17 }

    /// Bits of the character count in byte mode.
    static func countBits(version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Modules left for data and error correction once the function patterns, format and version
    /// information are drawn (remainder bits included).
    static func rawModules(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            modules -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { modules -= 36 }
        }
        return modules
    }

    /// Centres of the alignment patterns along each axis (annex E): 6, then evenly spaced up to size − 7.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var positions = [6]
        var position = size(version: version) - 7
        for _ in 0..<(count - 1) {
            positions.insert(position, at: 1)
            position -= step
        }
        return positions
    }

    /// The 15 format bits: error correction level and mask, BCH(15,5)-protected and XORed with 0x5412.
    static func formatBits(_ level: QRErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version bits (versions 7 and up): the version, BCH(18,6)-protected.
    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }
}
