import Testing
@testable import DeviceIO

@Suite struct FrameDecoderTests {
    let json = Array(#"{"seq":1,"type":"idle"}"#.utf8)

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC16.ccittFalse(Array("123456789".utf8)) == 0x29B1)
        #expect(CRC16.ccittFalse([]) == 0xFFFF)
        #expect(CRC16.hexDigits(0x29B1) == Array("29B1".utf8))
    }

    @Test func encodedFrameDecodesToItsBody() throws {
        var decoder = FrameDecoder()
        #expect(decoder.feed(try FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func everySplitOfTheStreamGivesTheSameFrames() throws {
        let stream = try FrameFormat.encode(payload: json) + Array("noise".utf8) + FrameFormat.encode(payload: json)
        for cut in 0...stream.count {
            var decoder = FrameDecoder()
            let events = decoder.feed(stream[..<cut]) + decoder.feed(stream[cut...])
            #expect(events == [.frame(json), .frame(json)], "cut at \(cut)")
        }
        var decoder = FrameDecoder()
        #expect(stream.flatMap { decoder.feed([$0]) } == [.frame(json), .frame(json)])
    }

    @Test func garbageBeforeSTXIsSkipped() throws {
        var decoder = FrameDecoder()
        let garbage: [UInt8] = [0x00, 0x41, 0xFF, FrameFormat.etx, 0x30, 0x31]
        #expect(try decoder.feed(garbage + FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func newSTXRestartsTheFrame() throws {
        var decoder = FrameDecoder()
        let truncated = [FrameFormat.stx] + Array(#"{"seq":9,"ty"#.utf8)
        #expect(try decoder.feed(truncated + FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func wrongChecksumIsReportedForNAK() throws {
        var frame = try FrameFormat.encode(payload: json)
        frame[frame.count - 1] = frame[frame.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        var decoder = FrameDecoder()
        #expect(decoder.feed(frame) == [.badChecksum])
        #expect(decoder.feed(try FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func flippedBodyByteIsABadChecksum() throws {
        var frame = try FrameFormat.encode(payload: json)
        frame[5] ^= 0x01
        var decoder = FrameDecoder()
        #expect(decoder.feed(frame) == [.badChecksum])
    }

    @Test func lowercaseChecksumDigitsAreMalformed() throws {
        let frame = try FrameFormat.encode(payload: Array(#"{"type":"idle","seq":0}"#.utf8))
        let lowered = frame.map { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) ? $0 + 32 : $0 }
        var decoder = FrameDecoder()
        let events = decoder.feed(frame.prefix(frame.count - 4) + lowered.suffix(4))
        #expect(events.allSatisfy { if case .frame = $0 { false } else { true } })
    }

    @Test func controlByteInsideAFrameAbandonsIt() throws {
        var decoder = FrameDecoder()
        let broken = [FrameFormat.stx] + Array(#"{"a":"#.utf8) + [0x0A] + Array(#""b"}"#.utf8) + [FrameFormat.etx]
        #expect(decoder.feed(broken) == [.malformed(.controlByte(0x0A))])
        #expect(decoder.feed(try FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func ackOrNakBreakingAFrameIsStillASignal() {
        var decoder = FrameDecoder()
        #expect(decoder.feed([FrameFormat.stx, 0x7B, FrameFormat.ack]) == [.malformed(.controlByte(FrameFormat.ack)), .ack])
        #expect(decoder.feed([FrameFormat.nak]) == [.nak])
    }

    @Test func oversizeFrameIsDroppedAndTheNextOneDecodes() throws {
        var decoder = FrameDecoder()
        let huge = [FrameFormat.stx] + Array(repeating: UInt8(ascii: "x"), count: 10_000) + [FrameFormat.etx] + Array("ABCD".utf8)
        #expect(decoder.feed(huge) == [.malformed(.oversize)])
        #expect(decoder.feed(try FrameFormat.encode(payload: json)) == [.frame(json)])
    }

    @Test func largestAllowedBodyPassesAndOneMoreByteIsRefused() throws {
        let largest = Array(repeating: UInt8(ascii: "x"), count: FrameFormat.maxPayloadLength)
        let frame = try FrameFormat.encode(payload: largest)
        #expect(frame.count == FrameFormat.maxFrameLength)
        var decoder = FrameDecoder()
        #expect(decoder.feed(frame) == [.frame(largest)])
        #expect(throws: DeviceIOError.self) { try FrameFormat.encode(payload: largest + [0x78]) }
    }

    @Test func encoderRefusesControlBytes() {
        #expect(throws: DeviceIOError.self) { try FrameFormat.encode(payload: [0x7B, 0x0A, 0x7D]) }
    }
}
