import PropertyBased
import Testing
@testable import DeviceIO

/// Whatever precedes a frame and however reads cut the stream, the decoders find the same data.
@Suite struct DecoderPropertyTests {
    /// Frame bodies: printable ASCII, as JSON without control characters is.
    static let body = Gen<UInt8>.value(in: 0x20...0x7E).array(of: 0...300)
    /// Garbage before a frame: any byte but STX (which would start a frame).
    static let garbage = Gen<UInt8>.value(in: 0...255).map { $0 == FrameFormat.stx ? 0x41 : $0 }.array(of: 0...40)
    static let cuts = Gen.int(in: 0...1000).array(of: 0...6)

    /// Feeds the stream in pieces cut at the given offsets.
    static func pieces(_ stream: [UInt8], cutAt offsets: [Int]) -> [ArraySlice<UInt8>] {
        let bounds = ([0] + offsets.map { $0 % (stream.count + 1) } + [stream.count]).sorted()
        return zip(bounds, bounds.dropFirst()).map { stream[$0..<$1] }
    }

    @Test func framesSurviveGarbageAndAnySplit() async {
        await propertyCheck(input: Self.garbage, Self.body, Self.body, Self.cuts) { garbage, first, second, cuts in
            guard let frames = try? FrameFormat.encode(payload: first) + FrameFormat.encode(payload: second) else {
                Issue.record("printable bodies within the limit always encode")
                return
            }
            var decoder = FrameDecoder()
            let events = Self.pieces(garbage + frames, cutAt: cuts).flatMap { decoder.feed($0) }
            let decoded = events.compactMap { if case .frame(let payload) = $0 { payload } else { nil } }
            #expect(decoded == [first, second])
        }
    }

    static let code = Gen.letterOrNumber.string(of: 1...40)
    static let terminator = Gen<String?>.element(of: ["\r", "\n", "\r\n"] as [String]).map { $0 ?? "\r\n" }

    @Test func scannerCodesSurviveAnyTerminatorAndSplit() async {
        await propertyCheck(input: Self.code.array(of: 1...8), Self.terminator.array(of: 8), Self.cuts) { codes, terminators, cuts in
            let stream = Array(zip(codes, terminators).map { $0 + $1 }.joined().utf8)
            var decoder = ScannerDecoder(debounceWindow: .zero)
            let start = ContinuousClock.now
            let events = Self.pieces(stream, cutAt: cuts).flatMap { decoder.feed($0, at: start) }
            #expect(events == codes.map { .scanned(Barcode(value: $0)) })
        }
    }
}
