/// A QR code (ISO/IEC 18004) of bytes in byte mode, versions 1 to 10: the matrix of dark and light modules,
/// without the quiet zone around it.
struct QRCode: Sendable, Equatable {
    let version: Int
    let level: QRErrorCorrection
    let mask: Int
    let size: Int
    /// Row by row, `true` for a dark module.
    private(set) var modules: [[Bool]]

    subscript(x: Int, y: Int) -> Bool { modules[y][x] }

    struct TooLong: Error, CustomStringConvertible {
        let bytes: Int
        let capacity: Int
        var description: String {
            "\(bytes) bytes do not fit a QR code of version 10 or less (at most \(capacity) bytes)"
        }
    }

    /// The smallest code that holds `data`, at the first of `levels` it fits at, with the mask the penalty
    /// rules prefer; `version` and `mask` fix those instead (for tests against other encoders).
    static func encode(_ data: [UInt8], levels: [QRErrorCorrection] = [.medium, .low], version: Int? = nil,
                       mask: Int? = nil) throws -> QRCode {
        let versions = version.map { $0...$0 } ?? QRErrorCorrection.versions
        for level in levels {
            if let chosen = versions.first(where: { level.byteCapacity(version: $0) >= data.count }) {
                return QRCode(data: data, version: chosen, level: level, mask: mask)
            }
        }
        let capacity = levels.map { $0.byteCapacity(version: versions.upperBound) }.max() ?? 0
        throw TooLong(bytes: data.count, capacity: capacity)
    }

    private init(data: [UInt8], version: Int, level: QRErrorCorrection, mask fixedMask: Int?) {
        self.version = version
        self.level = level
        size = QRLayout.size(version: version)
        var builder = QRMatrixBuilder(version: version)
        builder.drawFunctionPatterns()
        builder.place(Self.codewords(data, version: version, level: level))
        let chosen: Int
        if let fixedMask {
            chosen = fixedMask
        } else {
            // The lowest penalty; the first mask of equal ones.
            let penalties = (0..<8).map { builder.penalty(mask: $0) }
            chosen = penalties.indices.min { penalties[$0] < penalties[$1] } ?? 0
        }
        builder.apply(mask: chosen)
        builder.drawFormat(level: level, mask: chosen)
        mask = chosen
        modules = builder.modules
    }

    /// The data codewords (mode, count, bytes, terminator, padding) followed by the error correction,
    /// interleaved block by block (section 7.6).
    static func codewords(_ data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let capacity = level.dataCodewords(version: version) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: QRLayout.countBits(version: version))
        for byte in data { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            bits.append(pad, count: 8)
            pad ^= 0xEC ^ 0x11
        }
        let dataCodewords = bits.bytes

        let blockCount = level.blocks(version: version), eccLength = level.eccPerBlock(version: version)
        let rawCodewords = QRLayout.rawModules(version: version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortLength = rawCodewords / blockCount
        let generator = ReedSolomon.generator(degree: eccLength)
        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            let block = Array(dataCodewords[offset..<offset + length])
            offset += length
            // A short block gets a placeholder where long blocks have their last data byte, skipped below.
            blocks.append(block + (index < shortBlocks ? [0] : []) + ReedSolomon.remainder(block, generator: generator))
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for position in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated() where position != shortLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }
}

/// Bits appended most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<min(start + 8, bits.count)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
