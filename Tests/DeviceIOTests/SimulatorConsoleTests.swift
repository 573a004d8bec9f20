import Synchronization
import Testing
@testable import DeviceIO

@Suite struct SimulatorConsoleTests {
    @Test func commandsParseAsDocumented() throws {
        #expect(try SimulatorCommand.parse("  01012345678 ") == .enter("01012345678"))
        #expect(try SimulatorCommand.parse("# comment") == nil)
        #expect(try SimulatorCommand.parse("") == nil)
        #expect(try SimulatorCommand.parse("key back") == .key(.back))
        #expect(try SimulatorCommand.parse("input otp 123456") == .input(.otp, "123456"))
        #expect(try SimulatorCommand.parse("wait 0.25") == .wait(.milliseconds(250)))
        #expect(try SimulatorCommand.parse("fault drop-ack 2") == .fault(LinkFaults(dropAcks: 2)))
        #expect(try SimulatorCommand.parse("raw 31 0x32 0d") == .raw([0x31, 0x32, 0x0D]))
        #expect(try SimulatorCommand.parse("help") == .help)
        for bad in ["key 12", "input pin 1", "wait soon", "raw zz", "fault melt 1", "two words"] {
            #expect(throws: SimulatorCommand.ParseError.self) { try SimulatorCommand.parse(bad) }
        }
    }

    @Test func scriptedTabletAnswersTheAgentsPrompt() async throws {
        let said = Mutex<[String]>([])
        let console = SimulatorConsole { line in said.withLock { $0.append(line) } }
        let tablet = try VirtualTablet(configuration: .init(heartbeatInterval: .milliseconds(200), link: .init(ackTimeout: .seconds(1))))
        let port = try SerialPort.open(path: tablet.devicePath, settings: SerialSettings(baud: 115200))
        let connection = TabletConnection(
            port: port, configuration: .init(link: .init(ackTimeout: .seconds(1)), helloInterval: .milliseconds(300), heartbeatTimeout: .seconds(10))
        )
        let events = Inbox<TabletEvent>()
        events.collect(connection.events)
        let agent = Task { try await connection.run() }
        defer { agent.cancel() }
        let script = AsyncStream<String> { continuation in
            for line in ["# a customer types a phone number", "wait-prompt", "01012345678", "quit"] { continuation.yield(line) }
            continuation.finish()
        }
        let simulator = Task { try await console.run(tablet: tablet, commands: script) }
        if case .present = try await events.next(within: .seconds(10), "presence") {} else { Issue.record("expected presence") }
        try await connection.show(.prompt(TabletPrompt(mode: .phone, title: "Your phone number")))
        var keys: [TabletKey] = []
        var event = try await events.next()
        while case .key(let key) = event {
            keys.append(key)
            event = try await events.next()
        }
        #expect(event == .input(mode: .phone, value: "01012345678"))
        #expect(keys.map(\.wireName).joined() == "01012345678")
        try await simulator.value
        let lines = said.withLock { $0 }
        #expect(lines.first == "tablet: \(tablet.devicePath)")
        #expect(lines.contains("[prompt phone] Your phone number"))
    }
}

@Suite struct ScannerConsoleTests {
    @Test func scriptedScannerScansValuesAndRawBytes() async throws {
        let scanner = try VirtualScanner()
        let port = try SerialPort.open(path: scanner.devicePath, settings: SerialSettings(baud: 9600))
        let events = Inbox<ScannerEvent>()
        events.collect(ScannerConnection(port: port))
        let (script, typing) = AsyncStream<String>.makeStream()
        let simulator = Task { try await SimulatorConsole(say: { _ in }).run(scanner: scanner, commands: script) }
        typing.yield("8801234567893")
        typing.yield("raw 31 32 0d")
        #expect(try await events.next() == .scanned(Barcode(value: "8801234567893")))
        #expect(try await events.next() == .scanned(Barcode(value: "12")))
        typing.yield("quit")
        typing.yield("999")
        try await simulator.value
        // quit unplugged the scanner, so 999 never arrives.
        try await events.waitUntilFinished()
        #expect(try await events.drain(after: .zero).isEmpty)
    }
}
