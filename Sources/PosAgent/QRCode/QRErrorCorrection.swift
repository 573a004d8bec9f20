/// How much of a QR code can be damaged and still be read (ISO/IEC 18004:2015, table 9): about 7 % (low),
/// 15 % (medium), 25 % (quartile) or 30 % (high) of its codewords. Versions 1 to 10 only, which hold up to
/// 271 bytes: enough for an otpauth:// URI, and as wide as a terminal shows (57 modules).
enum QRErrorCorrection: CaseIterable, Sendable {
    case low, medium, quartile, high

    static let versions = 1...10

    /// The two bits of the format information (table 12).
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    /// Error correction codewords in each block, for versions 1 to 10 (table 9).
    private var codewordsPerBlock: [Int] {
        switch self {
        case .low: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18]
        case .medium: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
        case .quartile: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24]
        case .high: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28]
        }
    }

    /// Error correction blocks, for versions 1 to 10 (table 9).
    private var blockCounts: [Int] {
        switch self {
        case .low: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4]
        case .medium: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]
        case .quartile: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8]
        case .high: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8]
        }
    }

    func eccPerBlock(version: Int) -> Int { codewordsPerBlock[version - 1] }
    func blocks(version: Int) -> Int { blockCounts[version - 1] }

    /// Codewords left for data at `version` once the error correction is taken out.
    func dataCodewords(version: Int) -> Int {
        QRLayout.rawModules(version: version) / 8 - eccPerBlock(version: version) * blocks(version: version)
    }

    /// The most bytes byte mode holds at `version`: mode (4 bits), count (8 bits, 16 from version 10), data.
    func byteCapacity(version: Int) -> Int {
        (dataCodewords(version: version) * 8 - 4 - QRLayout.countBits(version: version)) / 8
    }
}
