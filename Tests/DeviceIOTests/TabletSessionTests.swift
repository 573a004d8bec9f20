import Testing
@testable import DeviceIO

/// The agent's connection against the virtual tablet: both ends of the protocol, over a pty.
@Suite struct TabletSessionTests {
    let tablet: VirtualTablet
    let connection: TabletConnection
    let events = Inbox<TabletEvent>()
    let screens = Inbox<AgentMessage>()
    let tasks: [Task<Void, any Error>]
    let connectionRun: Task<Void, any Error>

    init(heartbeat: Duration = .milliseconds(200), heartbeatTimeout: Duration = .seconds(3)) throws {
        // A generous ACK timeout on both ends: a loaded machine can take longer than 300 ms.
        let link = TabletLink<AgentMessage, TabletMessage>.Configuration(ackTimeout: .seconds(1))
        tablet = try VirtualTablet(configuration: .init(heartbeatInterval: heartbeat, link: .init(ackTimeout: .seconds(1))))
        let port = try SerialPort.open(path: tablet.devicePath, settings: SerialSettings(baud: 115200))
        connection = TabletConnection(
            port: port, configuration: .init(link: link, helloInterval: .milliseconds(500), heartbeatTimeout: heartbeatTimeout)
        )
        let tablet = tablet
        let connection = connection
        connectionRun = Task { try await connection.run() }
        tasks = [Task { try await tablet.run() }]
        events.collect(connection.events)
        screens.collect(tablet.screens)
    }

    init() throws {
        try self.init(heartbeat: .milliseconds(200), heartbeatTimeout: .seconds(10))
    }

    private func stop() {
        connectionRun.cancel()
        tasks.forEach { $0.cancel() }
        tablet.close()
    }

    @Test func tabletIsPresentAfterHello() async throws {
        defer { stop() }
        #expect(try await events.next(within: .seconds(10), "presence") == .present(TabletInfo(model: "posagent-virtual-tablet", firmware: "1.0.0", serial: "VT-0001")))
        #expect(await connection.isPresent)
        #expect(try await screens.next() == .hello)
    }

    @Test func customerTypesAPhoneNumberAtAPrompt() async throws {
        defer { stop() }
        _ = try await events.next(within: .seconds(10), "presence")
        let prompt = TabletPrompt(mode: .barcodeOrPhone, title: "Phone number or card", amount: 15_000, balance: 1_200, timeoutSeconds: 30)
        try await connection.show(.prompt(prompt))
        #expect(try await screens.next() == .hello)
        #expect(try await screens.next() == .prompt(prompt))
        #expect(await tablet.prompt == prompt)
        try await tablet.enter("010")
        #expect(try await events.next() == .key(.digit(0)))
        #expect(try await events.next() == .key(.digit(1)))
        #expect(try await events.next() == .key(.digit(0)))
        #expect(try await events.next() == .input(mode: .barcodeOrPhone, value: "010"))
        let result = TabletResult(title: "Saved", lines: ["+150"], points: 150)
        try await connection.show(.result(result))
        #expect(try await screens.next() == .result(result))
        #expect(await tablet.prompt == nil)
    }

    @Test func lostAcksAndCorruptFramesNeitherLoseNorDoubleInput() async throws {
        defer { stop() }
        _ = try await events.next(within: .seconds(10), "presence")
        await connection.link.setFaults(LinkFaults(dropAcks: 1))
        await tablet.setFaults(LinkFaults(corruptFrames: 1))
        try await tablet.submit("01012345678", mode: .phone)
        try await tablet.cancel()
        #expect(try await events.next() == .input(mode: .phone, value: "01012345678"))
        #expect(try await events.next() == .cancel)
        let late = try await events.drain(after: .milliseconds(400)).filter { $0 != .unresponsive }
        #expect(late.isEmpty)
    }

    @Test func tabletThatStopsAnsweringIsUnresponsiveThenPresentAgain() async throws {
        defer { stop() }
        _ = try await events.next(within: .seconds(10), "presence")
        await tablet.setFaults(LinkFaults(dropAcks: 3))
        await #expect(throws: DeviceIOError.self) { try await connection.show(.message(text: "anyone?")) }
        // Unresponsive, then back: the connection says hello again at once and the tablet, answering now,
        // is present again (so `isPresent` may already be true again by the time a test could look).
        #expect(try await events.next() == .unresponsive)
        if case .present = try await events.next(within: .seconds(10), "presence again") {} else { Issue.record("expected presence") }
    }

    @Test func unansweredPromptIsCancelledByTheTabletAfterItsTimeout() async throws {
        defer { stop() }
        _ = try await events.next(within: .seconds(10), "presence")
        try await connection.show(.prompt(TabletPrompt(mode: .otp, title: "Code", timeoutSeconds: 1)))
        #expect(try await events.next(within: .seconds(10), "the tablet's cancel") == .cancel)
        #expect(await tablet.prompt == nil)
    }

    @Test func restartedAgentIsAnsweredAtItsFirstHello() async throws {
        defer { stop() }
        _ = try await events.next(within: .seconds(10), "presence")
        connectionRun.cancel()
        try await events.waitUntilFinished()
        // The new agent numbers from 0 again, so its hello repeats the old one's first frame byte
        // for byte; it waits a minute before saying hello twice, so only the first can count.
        let port = try SerialPort.open(path: tablet.devicePath, settings: SerialSettings(baud: 115200))
        let restarted = TabletConnection(port: port, configuration: .init(link: .init(ackTimeout: .seconds(1)), helloInterval: .seconds(60)))
        let again = Inbox<TabletEvent>()
        again.collect(restarted.events)
        let run = Task { try await restarted.run() }
        defer { run.cancel() }
        if case .present = try await again.next(within: .seconds(10), "presence after restart") {} else { Issue.record("expected presence") }
    }

    @Test func unpluggedTabletEndsTheConnectionWithDisconnected() async throws {
        _ = try await events.next(within: .seconds(10), "presence")
        tablet.close()
        await #expect { try await connectionRun.value } throws: { ($0 as? DeviceIOError)?.code == .disconnected }
        try await events.waitUntilFinished()
        tasks.forEach { $0.cancel() }
    }
}

@Suite struct TabletHeartbeatTests {
    @Test func silentTabletIsMarkedUnresponsive() async throws {
        // A tablet whose heartbeats come far less often than the agent's timeout.
        let tablet = try VirtualTablet(configuration: .init(heartbeatInterval: .seconds(60)))
        let port = try SerialPort.open(path: tablet.devicePath, settings: SerialSettings(baud: 115200))
        let connection = TabletConnection(port: port, configuration: .init(helloInterval: .milliseconds(500), heartbeatTimeout: .milliseconds(600)))
        let events = Inbox<TabletEvent>()
        events.collect(connection.events)
        let runs = [Task { try await connection.run() }, Task { try await tablet.run() }]
        defer {
            runs.forEach { $0.cancel() }
            tablet.close()
        }
        if case .present = try await events.next(within: .seconds(10), "presence") {} else { Issue.record("expected presence") }
        #expect(try await events.next(within: .seconds(10), "unresponsive") == .unresponsive)
    }
}
