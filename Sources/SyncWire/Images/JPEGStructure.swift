/// A JPEG file's structure: SOI, marker segments (with lengths) up to the frame header (SOFn, which holds
/// the dimensions) and the scan (SOS), entropy-coded data, EOI.
enum JPEGStructure {
    static func hasSignature(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0xFF, 0xD8, 0xFF]) }

    /// Start-of-frame markers of every coding (baseline, progressive, lossless, arithmetic), not DHT,
    /// JPG or DAC, which share the range.
    private static let frameMarkers: Set<UInt8> = [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]

    static func inspect(_ bytes: [UInt8]) throws(MarketingError) -> ImageFacts {
        var offset = 2
        var size: (width: Int, height: Int)?
        while true {
            // Markers may be padded with extra 0xFF bytes.
            guard offset < bytes.count, bytes[offset] == 0xFF else { throw damaged("a marker is missing where one must be (the file is cut short or corrupted)") }
            while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
            guard offset < bytes.count else { throw damaged("it ends inside a marker (the file is cut short)") }
            let marker = bytes[offset]
            offset += 1
            if marker == 0xD9 { throw damaged("it ends before its image data") }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
            guard offset + 2 <= bytes.count else { throw damaged("it ends inside a segment (the file is cut short)") }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2, offset + length <= bytes.count else { throw damaged("a segment runs past the end of the file (it is cut short)") }
            if frameMarkers.contains(marker) {
                guard length >= 8 else { throw damaged("its frame header is too short") }
                let height = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
                let width = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                size = (width, height)
            }
            offset += length
            if marker == 0xDA { break }
        }
        guard let size else { throw damaged("its scan starts before any frame header says its size") }
        // After the scan: entropy-coded data, perhaps more scans (progressive), and EOI as the last marker;
        // some cameras pad the end with zero bytes.
        var end = bytes.count
        while end > offset, bytes[end - 1] == 0x00 { end -= 1 }
        guard end - offset >= 2, bytes[end - 2] == 0xFF, bytes[end - 1] == 0xD9 else {
            throw damaged("it does not end with the end-of-image marker (the file is cut short)")
        }
        return ImageFacts(format: .jpeg, width: size.width, height: size.height)
    }

    private static func damaged(_ what: String) -> MarketingError {
        MarketingError(.damagedImage, "this JPEG is damaged: \(what); export it again and add the new file")
    }
}
