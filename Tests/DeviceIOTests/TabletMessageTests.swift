import Testing
@testable import DeviceIO

@Suite struct TabletMessageTests {
    static let agentMessages: [AgentMessage] = [
        .hello, .idle, .message(text: "Thank you / 감사합니다\n"),
        .prompt(TabletPrompt(mode: .barcodeOrPhone, title: "Scan or type your number", amount: 12_500, balance: 9_000_000_000, timeoutSeconds: 30)),
        .prompt(TabletPrompt(mode: .otp, title: "Code")),
        .result(TabletResult(title: "Done", lines: ["+125", "balance 9 125"], points: 125, stamps: 3)),
    ]

    static let tabletMessages: [TabletMessage] = [
        .hello(TabletInfo(model: "PT-7", firmware: "1.2.0", serial: "SN123")),
        .key(.digit(0)), .key(.digit(9)), .key(.back), .key(.clear),
        .input(mode: .phone, value: "01012345678"), .cancel, .heartbeat,
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

    @Test func unknownTypeOrMissingFieldIsAnInvalidMessage() {
        for json in [#"{"type":"dance"}"#, #"{"type":"hello","model":"x"}"#, #"{"type":"key","key":"10"}"#, "[1]", #"{"type":"input","mode":"pin","value":"1"}"#] {
            #expect(throws: DeviceIOError.self) { try TabletMessage(wire: Array(json.utf8)) }
        }
        #expect(FrameSequence.of(Array(#"{"type":"x","seq":256}"#.utf8)) == nil)
    }
}
