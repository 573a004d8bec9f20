import Foundation
import Testing
@testable import DeviceIO

@Suite struct TabletMessageTests {
    static let agentMessages: [AgentMessage] = [
        .hello, .idle, .message(text: "Thank you / 감사합니다\n"),
        .prompt(TabletPrompt(mode: .barcodeOrPhone, title: "Scan or type your number", amount: 12_500, balance: 9_000_000_000, timeoutSeconds: 30)),
        .prompt(TabletPrompt(mode: .otp, title: "Code")),
        .result(TabletResult(title: "Done", lines: ["+125", "balance 9 125"], points: 125, stamps: 3)),
        .rotation(IdleRotation(images: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)], secondsPerImage: 8)),
        .image(ImageOffer(sha256: String(repeating: "c", count: 64), title: "겨울 이벤트", format: "png", width: 1280, height: 800,
                          size: 1_048_576, offset: 6_144)),
        .chunk(ImageChunk(sha256: String(repeating: "d", count: 64), offset: 4_096, data: Array(0...255) + [0, 1, 2])),
        .forget([String(repeating: "e", count: 64), String(repeating: "f", count: 64)]),
    ]

    static let tabletMessages: [TabletMessage] = [
        .hello(TabletInfo(model: "PT-7", firmware: "1.2.0", serial: "SN123")),
        .key(.digit(0)), .key(.digit(9)), .key(.back), .key(.clear),
        .input(mode: .phone, value: "01012345678"), .cancel, .heartbeat,
        .hello(TabletInfo(model: "PT-8", firmware: "2.0.0", serial: "SN124"), holdings: TabletHoldings(images: [])),
        .hello(TabletInfo(model: "PT-8", firmware: "2.0.0", serial: "SN124"),
               holdings: TabletHoldings(images: [String(repeating: "e", count: 64)], partial: PartialImage(sha256: String(repeating: "f", count: 64), offset: 2_048))),
        .stored(sha256: String(repeating: "a", count: 64)), .need(sha256: String(repeating: "b", count: 64), offset: 0),
    ]

    @Test(arguments: agentMessages)
    func agentMessageSurvivesTheWire(_ message: AgentMessage) throws {
        let body = try message.wire(seq: 200)
        #expect(!body.contains { $0 < 0x20 })
        #expect(try AgentMessage(wire: body) == message)
        #expect(FrameSequence.of(body) == 200)
    }

    @Test(arguments: tabletMessages)
    func tabletMessageSurvivesTheWire(_ message: TabletMessage) throws {
        let body = try message.wire(seq: 7)
        #expect(try TabletMessage(wire: body) == message)
        #expect(FrameSequence.of(body) == 7)
    }

    @Test func wireFieldNamesAreTheDocumentedOnes() throws {
        let body = String(decoding: try AgentMessage.prompt(TabletPrompt(mode: .points, title: "Use", amount: 5, timeoutSeconds: 10)).wire(seq: 3), as: UTF8.self)
        #expect(body == #"{"amount":5,"mode":"points","seq":3,"timeoutSeconds":10,"title":"Use","type":"prompt"}"#)
        let input = String(decoding: try TabletMessage.input(mode: .barcodeOrPhone, value: "010").wire(seq: 0), as: UTF8.self)
        #expect(input == #"{"mode":"barcode_or_phone","seq":0,"type":"input","value":"010"}"#)
    }

    @Test func imageFramesFitAFrameAtTheLargestSizes() throws {
        let chunk = AgentMessage.chunk(ImageChunk(sha256: String(repeating: "d", count: 64), offset: 1_048_576 - ImageChunk.maxBytes,
                                                  data: [UInt8](repeating: 0xFF, count: ImageChunk.maxBytes)))
        #expect(try FrameFormat.encode(payload: chunk.wire(seq: 255)).count <= FrameFormat.maxFrameLength)
        // The most images a shop's set holds (50), each named in the idle frame.
        let hashes = (0..<50).map { String(format: "%064x", $0) }
        let idle = AgentMessage.rotation(IdleRotation(images: hashes, secondsPerImage: 300))
        #expect(try FrameFormat.encode(payload: idle.wire(seq: 255)).count <= FrameFormat.maxFrameLength)
        let hello = TabletMessage.hello(TabletInfo(model: "PT-8", firmware: "2.0.0", serial: "SN124"),
                                        holdings: TabletHoldings(images: hashes, partial: PartialImage(sha256: hashes[0], offset: 1_048_575)))
        #expect(try FrameFormat.encode(payload: hello.wire(seq: 255)).count <= FrameFormat.maxFrameLength)
    }

    @Test func aChunkCarriesTheCRC32OfItsBytes() throws {
        let body = String(decoding: try AgentMessage.chunk(ImageChunk(sha256: "ab", offset: 0, data: Array("123456789".utf8))).wire(seq: 1), as: UTF8.self)
        #expect(body == #"{"crc32":"CBF43926","data":"MTIzNDU2Nzg5","offset":0,"seq":1,"sha256":"ab","type":"chunk"}"#)
        let plainIdle = String(decoding: try AgentMessage.idle.wire(seq: 0), as: UTF8.self)
        #expect(plainIdle == #"{"seq":0,"type":"idle"}"#, "a tablet that takes no images gets the idle frame of before")
    }

    @Test func unknownTypeOrMissingFieldIsAnInvalidMessage() {
        for json in [#"{"type":"dance"}"#, #"{"type":"hello","model":"x"}"#, #"{"type":"key","key":"10"}"#, "[1]", #"{"type":"input","mode":"pin","value":"1"}"#] {
            #expect(throws: DeviceIOError.self) { try TabletMessage(wire: Array(json.utf8)) }
        }
        #expect(FrameSequence.of(Array(#"{"type":"x","seq":256}"#.utf8)) == nil)
    }
}
