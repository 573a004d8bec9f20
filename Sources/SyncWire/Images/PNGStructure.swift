import Checksums

/// A PNG file's structure: the signature, then chunks (length, type, data, CRC) from IHDR to IEND.
enum PNGStructure {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func hasSignature(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    static func inspect(_ bytes: [UInt8]) throws(MarketingError) -> ImageFacts {
        var offset = signature.count
        var size: (width: Int, height: Int)?
        var sawImageData = false
        while true {
            guard offset + 12 <= bytes.count else { throw damaged("it ends in the middle of a chunk (the file is cut short)") }
            let length = Int(bigEndian32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= bytes.count - offset - 12 else { throw damaged("its \(type) chunk runs past the end of the file (it is cut short)") }
            let data = (offset + 8)..<(offset + 8 + length)
            let stored = bigEndian32(bytes, data.upperBound)
            guard CRC32.checksum(bytes[(offset + 4)..<data.upperBound]) == stored else {
                throw damaged("its \(type) chunk fails its CRC check (the file is corrupted)")
            }
            if size == nil {
                guard type == "IHDR", length == 13 else { throw damaged("it does not begin with an IHDR chunk") }
                size = (Int(bigEndian32(bytes, data.lowerBound)), Int(bigEndian32(bytes, data.lowerBound + 4)))
            }
            if type == "IDAT" { sawImageData = true }
            offset = data.upperBound + 4
            if type == "IEND" { break }
        }
        guard sawImageData, let size else { throw damaged("it holds no image data (IDAT)") }
        return ImageFacts(format: .png, width: size.width, height: size.height)
    }

    private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func damaged(_ what: String) -> MarketingError {
        MarketingError(.damagedImage, "this PNG is damaged: \(what); export it again and add the new file")
    }
}
