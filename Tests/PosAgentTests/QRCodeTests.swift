import Foundation
import Testing
@testable import PosAgent

/// The QR encoder against a reference encoder (segno, Debian's python3-segno) module for module, and its
/// terminal drawing read back by a real decoder (zbarimg, Debian's zbar-tools).
@Suite struct QRCodeTests {
    /// Every version 1 to 10 at every level with every mask: data near each one's capacity, all byte values.
    @Test func matchesTheReferenceEncoderModuleForModule() async throws {
        var cases: [(data: [UInt8], version: Int, level: QRErrorCorrection, mask: Int)] = []
        var random = SplitMix(seed: 7)
        for version in QRErrorCorrection.versions {
            for level in QRErrorCorrection.allCases {
                let length = level.byteCapacity(version: version) - (version + level.formatBits) % 3
                let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                for mask in 0..<8 { cases.append((data, version, level, mask)) }
            }
        }
        let reference = try await Segno.matrices(cases.map { ($0.data, $0.version, $0.level, $0.mask) })
        #expect(reference.count == 320)
        for (index, entry) in cases.enumerated() {
            let code = try QRCode.encode(entry.data, levels: [entry.level], version: entry.version, mask: entry.mask)
            #expect(code.size == 4 * entry.version + 17)
            #expect(Self.differences(code.rows, reference[index].matrix) == [],
                    "version \(entry.version) level \(entry.level) mask \(entry.mask) differs from segno")
        }
    }

    /// Left to choose, it picks the same smallest version and, by the penalty rules, the same mask.
    @Test func choosesTheVersionAndMaskTheReferenceChooses() async throws {
        let payloads: [[UInt8]] = [
            Array("otpauth://totp/x".utf8),
            Array("otpauth://totp/010-%2A%2A%2A%2A-5678?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=My%20shop&digits=6&period=30&algorithm=SHA1".utf8),
            Array("otpauth://totp/member%2042?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%EA%B0%95%EB%82%A8%EC%A0%90&digits=6&period=30&algorithm=SHA1".utf8),
        ] + (1...11).map { length in Array(String(repeating: "posagent-", count: length * 2).utf8) }
        let reference = try await Segno.automatic(payloads)
        for (index, data) in payloads.enumerated() {
            let code = try QRCode.encode(data, levels: [.medium])
            #expect(code.version == reference[index].version, "payload of \(data.count) bytes")
            #expect(code.mask == reference[index].mask, "payload of \(data.count) bytes: masks \(code.mask) and \(reference[index].mask)")
            #expect(Self.differences(code.rows, reference[index].matrix) == [], "payload of \(data.count) bytes")
        }
    }

    /// What the terminal shows, read back into modules, decodes to the URI; so does the longest URI that
    /// fits, at level L when M is too small.
    @Test func theTerminalDrawingScansBackToTheData() async throws {
        let uri = "otpauth://totp/010-%2A%2A%2A%2A-5678?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=My%20shop&digits=6&period=30&algorithm=SHA1"
        let longest = "otpauth://totp/x?secret=" + String(repeating: "A", count: 271 - 24)
        for text in [uri, longest, "1"] {
            let code = try QRCode.encode(Array(text.utf8))
            let drawing = QRTerminal.render(code, colours: false)
            let modules = try Self.modules(fromDrawing: drawing)
            #expect(modules.count == code.size + 8 && modules.allSatisfy { $0.count == code.size + 8 })
            #expect(try await ZBar.decode(modules) == text, "version \(code.version)")
        }
        #expect(try QRCode.encode(Array(longest.utf8)).level == .low)
        #expect(try QRCode.encode(Array(uri.utf8)).level == .medium)
        #expect(throws: QRCode.TooLong.self) { try QRCode.encode(Array((longest + "A").utf8)) }
        let coloured = QRTerminal.render(try QRCode.encode(Array(uri.utf8)), colours: true)
        #expect(coloured.hasPrefix("\u{1B}[97;40m") && coloured.hasSuffix("\u{1B}[0m"))
    }

    /// Reed–Solomon of the example in ISO/IEC 18004 annex I (version 1-M, "01234567").
    @Test func reedSolomonOfTheStandardsExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10))
                == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        #expect(QRLayout.formatBits(.medium, mask: 5) == 0b100_0000_1100_1110)
        #expect(QRLayout.versionBits(7) == 0b00_0111_1100_1001_0100)
    }

    /// Where two matrices differ, as "x,y" (a short list to read in a failure).
    static func differences(_ mine: [[Bool]], _ reference: [[Bool]]) -> [String] {
        guard mine.count == reference.count else { return ["sizes \(mine.count) and \(reference.count)"] }
        var found: [String] = []
        for y in mine.indices {
            for x in mine[y].indices where mine[y][x] != reference[y][x] { found.append("\(x),\(y)") }
        }
        return found.count > 12 ? Array(found.prefix(12)) + ["… \(found.count) in all"] : found
    }

    /// Half blocks back to modules: the block characters are light modules, two rows per line.
    static func modules(fromDrawing drawing: String) throws -> [[Bool]] {
        var rows: [[Bool]] = []
        for line in drawing.split(separator: "\n") {
            var top: [Bool] = [], bottom: [Bool] = []
            for character in line {
                switch character {
                case "█": top.append(false); bottom.append(false)
                case "▀": top.append(false); bottom.append(true)
                case "▄": top.append(true); bottom.append(false)
                case " ": top.append(true); bottom.append(true)
                default: throw DaemonHarnessError(description: "unexpected character \(character) in the drawing")
                }
            }
            rows += [top, bottom]
        }
        // The last line's lower half lies below the quiet zone when the side is odd.
        if rows.count > rows[0].count { rows.removeLast() }
        return rows
    }
}

extension QRCode {
    /// Row by row, as segno lists them.
    var rows: [[Bool]] { (0..<size).map { y in (0..<size).map { x in self[x, y] } } }
}

/// A small deterministic generator, so the data is the same in every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// segno, through /usr/bin/python3: the matrices it makes for the same data and settings.
enum Segno {
    struct Symbol: Decodable {
        var version: Int
        var mask: Int
        var matrix: [[Bool]]
    }

    static let script = """
        import base64, json, sys
        import segno, segno.encoder
        # segno 1.4.1 (Debian 12) adds eight zero bits after a stream that ends on a codeword boundary,
        # where ISO/IEC 18004 7.4.10 adds none, so its byte-mode data has 0x00 where the first pad codeword
        # 0xEC belongs. Its symbols still scan; for a module-for-module comparison it gets the standard's rule.
        def write_padding_bits(buff, version, length):
            if length % 8:
                buff.extend([0] * (8 - length % 8))
        segno.encoder.write_padding_bits = write_padding_bits
        out = []
        for case in json.load(sys.stdin):
            data = base64.b64decode(case["data"])
            qr = segno.make_qr(data, error=case["error"], version=case.get("version"), mask=case.get("mask"),
                               boost_error=False, mode="byte")
            out.append({"version": qr.version, "mask": qr.mask, "matrix": [[bool(m) for m in row] for row in qr.matrix]})
        json.dump(out, sys.stdout)
        """

    static func matrices(_ cases: [(data: [UInt8], version: Int, level: QRErrorCorrection, mask: Int)]) async throws -> [Symbol] {
        try await run(cases.map { ["data": Data($0.data).base64EncodedString(), "version": $0.version,
                                   "error": letter($0.level), "mask": $0.mask] })
    }

    static func automatic(_ payloads: [[UInt8]]) async throws -> [Symbol] {
        try await run(payloads.map { ["data": Data($0).base64EncodedString(), "error": "m"] })
    }

    static func letter(_ level: QRErrorCorrection) -> String {
        switch level {
        case .low: "l"
        case .medium: "m"
        case .quartile: "q"
        case .high: "h"
        }
    }

    private static func run(_ cases: [[String: Any]]) async throws -> [Symbol] {
        let input = try JSONSerialization.data(withJSONObject: cases)
        let output = try await offPool { try Tool.run("/usr/bin/python3", ["-c", script], input: input) }
        return try JSONDecoder().decode([Symbol].self, from: output)
    }
}

/// zbarimg on a PBM image of the modules, four pixels each.
enum ZBar {
    static func decode(_ modules: [[Bool]]) async throws -> String {
        let scale = 4
        var pbm = "P1\n\(modules[0].count * scale) \(modules.count * scale)\n"
        for row in modules {
            let line = row.flatMap { Array(repeating: $0 ? "1" : "0", count: scale) }.joined(separator: " ")
            pbm += String(repeating: line + "\n", count: scale)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-qr-\(UUID().uuidString).pbm")
        try pbm.write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await offPool { try Tool.run("/usr/bin/zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]) }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}

/// Runs a tool to its end and returns what it printed; a failure says what it printed on stderr.
enum Tool {
    static func run(_ path: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw DaemonHarnessError(description: "\(path) is missing; scripts/setup.sh installs it (python3-segno, zbar-tools)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe
        try process.run()
        let writer = Thread {
            if let input { try? inputPipe.fileHandleForWriting.write(contentsOf: input) }
            try? inputPipe.fileHandleForWriting.close()
        }
        writer.start()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        let errorText = String(decoding: try errors.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonHarnessError(description: "\(path) exited \(process.terminationStatus): \(errorText)")
        }
        return data
    }
}
