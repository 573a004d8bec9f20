import Testing
@testable import DeviceIO

@Suite struct ScannerDecoderTests {
    let start = ContinuousClock.now

    private func codes(_ events: [ScannerEvent]) -> [String] {
        events.compactMap { if case .scanned(let barcode) = $0 { barcode.value } else { nil } }
    }

    @Test func everyTerminatorEndsOneCode() {
        var decoder = ScannerDecoder(debounceWindow: .zero)
        #expect(codes(decoder.feed(Array("111\r222\n333\r\n444\n\r555\r\n".utf8), at: start)) == ["111", "222", "333", "444", "555"])
    }

    @Test func crlfSplitAcrossReadsIsOneTerminator() {
        var decoder = ScannerDecoder(debounceWindow: .zero)
        #expect(codes(decoder.feed(Array("8801234567893\r".utf8), at: start)) == ["8801234567893"])
        #expect(decoder.feed(Array("\n".utf8), at: start).isEmpty)
        #expect(codes(decoder.feed(Array("12".utf8), at: start)).isEmpty)
        #expect(codes(decoder.feed(Array("34\n".utf8), at: start)) == ["1234"])
    }

    @Test func emptyLinesAreDropped() {
        var decoder = ScannerDecoder()
        #expect(decoder.feed(Array("\r\n\n\r\r\n".utf8), at: start).isEmpty)
    }

    @Test func aimPrefixIsStrippedAndKept() {
        var decoder = ScannerDecoder()
        #expect(decoder.feed(Array("]E08801234567893\r\n".utf8), at: start) == [.scanned(Barcode(value: "8801234567893", symbology: "E0"))])
        #expect(decoder.feed(Array("]E0\r\n".utf8), at: start) == [.rejected(.emptyAfterPrefix)])
        // A bracket not followed by an identifier is part of the code.
        #expect(codes(decoder.feed(Array("]1x\r".utf8), at: start)) == ["]1x"])
    }

    @Test func overlongLineIsRejectedAndTheNextCodeSurvives() {
        var decoder = ScannerDecoder()
        let long = Array(repeating: UInt8(ascii: "7"), count: 300)
        #expect(decoder.feed(long + Array("\r\n42\r\n".utf8), at: start) == [.rejected(.overlong(length: 300)), .scanned(Barcode(value: "42"))])
        let exactly128 = Array(repeating: UInt8(ascii: "8"), count: 128)
        #expect(codes(decoder.feed(exactly128 + [0x0D], at: start)).count == 1)
    }

    @Test func binaryAndControlBytesAreRejected() {
        var decoder = ScannerDecoder()
        #expect(decoder.feed([0x31, 0xC3, 0xA9, 0x0D], at: start) == [.rejected(.nonASCII(0xC3))])
        #expect(decoder.feed([0x31, 0x1B, 0x32, 0x0A], at: start) == [.rejected(.controlByte(0x1B))])
        #expect(decoder.feed([0x31, 0x7F, 0x0A], at: start) == [.rejected(.controlByte(0x7F))])
        #expect(decoder.feed([0x00, 0x00, 0x0D], at: start) == [.rejected(.controlByte(0x00))])
    }

    @Test func sameCodeWithinTheWindowIsOneScan() {
        var decoder = ScannerDecoder(debounceWindow: .milliseconds(700))
        let line = Array("4006381333931\r\n".utf8)
        #expect(codes(decoder.feed(line, at: start)).count == 1)
        #expect(codes(decoder.feed(line, at: start + .milliseconds(300))).isEmpty)
        // The held trigger keeps extending the window.
        #expect(codes(decoder.feed(line, at: start + .milliseconds(900))).isEmpty)
        #expect(codes(decoder.feed(line, at: start + .milliseconds(1700))).count == 1)
    }

    @Test func differentCodeWithinTheWindowCounts() {
        var decoder = ScannerDecoder()
        #expect(codes(decoder.feed(Array("A1\rB2\rA1\r".utf8), at: start)) == ["A1", "B2", "A1"])
    }

    @Test func severalCodesInOneReadKeepTheirOrder() {
        var decoder = ScannerDecoder(debounceWindow: .zero)
        let stream = (1...20).map { "code\($0)\r\n" }.joined()
        #expect(codes(decoder.feed(Array(stream.utf8), at: start)) == (1...20).map { "code\($0)" })
    }
}
