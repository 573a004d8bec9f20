import Checksums
import Foundation
import SyncWire

/// Real image files for the marketing tests: a PNG written here by the book (IHDR, a zlib stream of
/// stored blocks with its Adler-32, IEND, every chunk with its CRC) and a JPEG made by libjpeg's cjpeg
/// from a PPM written here.
public enum TestImages {
    /// A `width` × `height` RGB PNG of one colour.
    public static func png(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8) = (200, 40, 40)) -> [UInt8] {
        var raw: [UInt8] = []
        for _ in 0..<height {
            raw.append(0)  // filter type None
            for _ in 0..<width { raw += [rgb.0, rgb.1, rgb.2] }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    /// A `width` × `height` JPEG made by cjpeg (libjpeg-turbo-progs, which scripts/setup.sh installs).
    public static func jpeg(width: Int, height: Int, in directory: URL) throws -> [UInt8] {
        let ppm = directory.appendingPathComponent("image-\(width)x\(height).ppm")
        var bytes = Array("P6\n\(width) \(height)\n255\n".utf8)
        for index in 0..<(width * height) { bytes += [UInt8(index % 251), 120, UInt8(255 - index % 200)] }
        try Data(bytes).write(to: ppm)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cjpeg")
        process.arguments = ["-quality", "85", ppm.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestImageError(description: "cjpeg exited \(process.terminationStatus)") }
        return Array(data)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body))
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

public struct TestImageError: Error, CustomStringConvertible {
    public var description: String
}
