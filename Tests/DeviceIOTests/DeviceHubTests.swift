import Testing
@testable import DeviceIO

/// The daemon's view: fake udev devices whose nodes are the simulators' ptys.
@Suite struct DeviceHubTests {
    let rules = [
        DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e"], baud: 9600),
        DeviceRule(role: .tablet, match: ["POSAGENT_ROLE": "tablet"], baud: 115200),
        DeviceRule(role: .probe, match: ["ID_VENDOR_ID": "2341"], baud: 115200),
    ]
    let configuration = DeviceHub.Configuration(
        discovery: .init(pollInterval: .milliseconds(50)),
        tablet: .init(link: .init(ackTimeout: .seconds(1)), helloInterval: .milliseconds(200), heartbeatTimeout: .seconds(10)),
        // Generous: a loaded machine may take a while to run the virtual tablet's first hello.
        probeTimeout: .seconds(2)
    )

    func node(_ path: String, _ properties: [String: String]) -> KernelDevice {
        KernelDevice(syspath: "/sys/devices/fake\(path)", devnode: path, properties: properties)
    }

    @Test func scansAndTabletInputArriveAndScreensGoBack() async throws {
        let scanner = try VirtualScanner()
        let tablet = try VirtualTablet(configuration: .init(heartbeatInterval: .milliseconds(200), link: .init(ackTimeout: .seconds(1))))
        defer { scanner.close(); tablet.close() }
        let (changes, kernel) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let scannerNode = node(scanner.devicePath, ["ID_VENDOR_ID": "0c2e", "ID_SERIAL_SHORT": "SCN1"])
        let source = FakeDeviceSource(present: [scannerNode, node(tablet.devicePath, ["POSAGENT_ROLE": "tablet"])], changes: changes)
        let hub = DeviceHub(rules: rules, source: source, configuration: configuration)
        let inputs = Inbox<DeviceInput>()
        inputs.collect(hub.inputs)
        let tasks = [Task { try await hub.run() }, Task { try await tablet.run() }]
        defer { tasks.forEach { $0.cancel() } }

        var tabletIdentity: DeviceIdentity?
        while tabletIdentity == nil {
            if case .tablet(.present, let from) = try await inputs.next(within: .seconds(10), "a present tablet") { tabletIdentity = from }
        }
        try scanner.scan("8801234567893")
        let scannerIdentity = DeviceIdentity(scannerNode)
        var scanned: DeviceInput?
        while scanned == nil {
            let input = try await inputs.next()
            if case .scanned = input { scanned = input }
        }
        #expect(scanned == .scanned(Barcode(value: "8801234567893"), from: scannerIdentity))

        let prompt = TabletPrompt(mode: .phone, title: "Phone number")
        try await hub.show(.prompt(prompt))
        while await tablet.prompt != prompt { try await Task.sleep(for: .milliseconds(10)) }
        try await tablet.submit("01012345678")
        var typed: DeviceInput?
        while typed == nil {
            let input = try await inputs.next()
            if case .tablet(.input, _) = input { typed = input }
        }
        #expect(typed == .tablet(.input(mode: .phone, value: "01012345678"), from: tabletIdentity ?? .path("")))

        kernel.yield(KernelDeviceEvent(action: .remove, device: scannerNode))
        var removed = false
        while !removed {
            if case .detached(scannerIdentity, .scanner) = try await inputs.next() { removed = true }
        }
    }

    @Test func probedDeviceThatAnswersHelloIsATablet() async throws {
        let tablet = try VirtualTablet(configuration: .init(link: .init(ackTimeout: .seconds(1))))
        defer { tablet.close() }
        let (changes, _) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let hub = DeviceHub(rules: rules, source: FakeDeviceSource(present: [node(tablet.devicePath, ["ID_VENDOR_ID": "2341"])], changes: changes), configuration: configuration)
        let inputs = Inbox<DeviceInput>()
        inputs.collect(hub.inputs)
        let tasks = [Task { try await hub.run() }, Task { try await tablet.run() }]
        defer { tasks.forEach { $0.cancel() } }
        guard case .attached(_, .probe) = try await inputs.next() else { Issue.record("expected a probe attach"); return }
        guard case .tablet(.present, _) = try await inputs.next() else { Issue.record("expected presence"); return }
        #expect(await hub.presentTablets().count == 1)
        let statuses = await hub.devices()
        #expect(statuses.count == 1)
        #expect(statuses.first?.role == .probe)
        #expect(statuses.first?.devnode == tablet.devicePath)
        #expect(statuses.first?.tablet?.model == "posagent-virtual-tablet")
    }

    @Test func probedDeviceThatStaysSilentIsLeftClosedUntilReplugged() async throws {
        let silent = try PseudoTerminal.open()
        defer { silent.close() }
        let (changes, kernel) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let device = node(silent.devicePath, ["ID_VENDOR_ID": "2341"])
        let hub = DeviceHub(rules: rules, source: FakeDeviceSource(present: [device], changes: changes), configuration: configuration)
        let inputs = Inbox<DeviceInput>()
        inputs.collect(hub.inputs)
        let running = Task { try await hub.run() }
        defer { running.cancel() }
        guard case .attached(_, .probe) = try await inputs.next() else { Issue.record("expected a probe attach"); return }
        guard case .detached(_, .probe) = try await inputs.next() else { Issue.record("expected the probe to give up"); return }
        #expect(try await inputs.drain(after: .milliseconds(300)).isEmpty, "not reopened while it stays plugged in")
        await #expect(throws: DeviceIOError.self) { try await hub.show(.idle) }
        kernel.yield(KernelDeviceEvent(action: .add, device: device))
        guard case .attached(_, .probe) = try await inputs.next() else { Issue.record("expected a new probe after replug"); return }
    }
}
