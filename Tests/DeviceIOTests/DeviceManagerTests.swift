#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import DeviceIO

/// A device source the test feeds by hand; the device nodes are real ptys.
struct FakeDeviceSource: DeviceSource {
    let present: [KernelDevice]
    let changes: AsyncThrowingStream<KernelDeviceEvent, any Error>

    func events() throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error> { changes }
    func devices() throws(DeviceIOError) -> [KernelDevice] { present }
}

func usbTTY(_ terminal: PseudoTerminal, vendor: String, product: String, serial: String, initialized: Bool = true) -> KernelDevice {
    KernelDevice(
        syspath: "/sys/devices/fake/\(terminal.devicePath)", devnode: terminal.devicePath,
        properties: ["ID_VENDOR_ID": vendor, "ID_MODEL_ID": product, "ID_SERIAL_SHORT": serial], isInitialized: initialized
    )
}

/// Whether some process set TIOCEXCL on the tty, i.e. opened it as a port.
func isTakenExclusively(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var exclusive: Int32 = 0
    return ioctl(fd, tiocgexcl, &exclusive) == 0 && exclusive == 1
}

@Suite struct DeviceManagerTests {
    let scannerRule = DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61"], baud: 9600)

    @Test func namedTTYIsOpenedAndUnnamedOneNever() async throws {
        let scanner = try PseudoTerminal.open()
        let stranger = try PseudoTerminal.open()
        defer { scanner.close(); stranger.close() }
        let (changes, _) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let source = FakeDeviceSource(present: [
            usbTTY(scanner, vendor: "0c2e", product: "0b61", serial: "S1"),
            usbTTY(stranger, vendor: "1a86", product: "7523", serial: "MODEM"),
        ], changes: changes)
        let manager = DeviceManager(rules: [scannerRule], source: source)
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
        #expect(device.identity.rawValue == "usb:0c2e:0b61:S1")
        #expect(device.devnode == scanner.devicePath)
        try scanner.controller.write(Array("4006381333931\r\n".utf8))
        var codes = ScannerConnection(port: try #require(device.port.serial)).makeAsyncIterator()
        #expect(try await codes.next() == .scanned(Barcode(value: "4006381333931")))
        #expect(!isTakenExclusively(stranger.devicePath))
        #expect(await manager.attachedDevices.count == 1)
    }

    @Test func removalClosesThePortAndReplugUnderANewNodeReopensIt() async throws {
        let first = try PseudoTerminal.open()
        let second = try PseudoTerminal.open()
        defer { first.close(); second.close() }
        let (changes, kernel) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let manager = DeviceManager(rules: [scannerRule], source: FakeDeviceSource(present: [], changes: changes))
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }

        let plugged = usbTTY(first, vendor: "0c2e", product: "0b61", serial: "S1")
        kernel.yield(KernelDeviceEvent(action: .add, device: plugged))
        guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
        kernel.yield(KernelDeviceEvent(action: .remove, device: plugged))
        guard case .detached(let identity, .scanner) = try await events.next() else { Issue.record("expected detach"); return }
        #expect(identity == device.identity)
        #expect(device.port.isClosed)

        kernel.yield(KernelDeviceEvent(action: .add, device: usbTTY(second, vendor: "0c2e", product: "0b61", serial: "S1")))
        guard case .attached(let again) = try await events.next() else { Issue.record("expected reattach"); return }
        #expect(again.identity == device.identity)
        #expect(again.devnode == second.devicePath)
    }

    @Test func deviceRetaggedSoNoRuleNamesItIsClosed() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let (changes, kernel) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let tagged = KernelDevice(syspath: "/sys/devices/fake/tagged", devnode: terminal.devicePath, properties: ["POSAGENT_ROLE": "scanner"])
        let manager = DeviceManager(
            rules: [DeviceRule(role: .scanner, match: ["POSAGENT_ROLE": "scanner"])],
            source: FakeDeviceSource(present: [tagged], changes: changes)
        )
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
        var untagged = tagged
        untagged.properties = [:]
        kernel.yield(KernelDeviceEvent(action: .change, device: untagged))
        guard case .detached = try await events.next() else { Issue.record("expected detach"); return }
        #expect(device.port.isClosed)
    }

    @Test func deviceUdevHasNotTaggedYetWaitsForItsEvent() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let (changes, kernel) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let untagged = usbTTY(terminal, vendor: "0c2e", product: "0b61", serial: "S1", initialized: false)
        let manager = DeviceManager(rules: [scannerRule], source: FakeDeviceSource(present: [untagged], changes: changes))
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        #expect(try await events.drain(after: .milliseconds(100)).isEmpty)
        var tagged = untagged
        tagged.isInitialized = true
        kernel.yield(KernelDeviceEvent(action: .change, device: tagged))
        guard case .attached = try await events.next() else { Issue.record("expected attach"); return }
    }

    @Test func pathRuleIsRetriedWhileAbsentAndDetachedWhenGone() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-tablet-\(UUID().uuidString)").path
        defer { unlink(link) }
        let (changes, _) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let manager = DeviceManager(
            rules: [DeviceRule(role: .tablet, path: link, baud: 115200)],
            source: FakeDeviceSource(present: [], changes: changes), configuration: .init(pollInterval: .milliseconds(50))
        )
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        #expect(try await events.drain(after: .milliseconds(150)).isEmpty)
        #expect(symlink(terminal.devicePath, link) == 0)
        guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
        #expect(device.identity == .path(link))
        #expect(device.role == .tablet)
        unlink(link)
        guard case .detached(.path(link), .tablet) = try await events.next() else { Issue.record("expected detach"); return }
    }

    @Test func portThatDiesIsReopenedWhileTheDeviceIsStillThere() async throws {
        let terminal = try PseudoTerminal.open()
        defer { terminal.close() }
        let (changes, _) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        let manager = DeviceManager(
            rules: [scannerRule], source: FakeDeviceSource(present: [usbTTY(terminal, vendor: "0c2e", product: "0b61", serial: "S1")], changes: changes),
            configuration: .init(pollInterval: .milliseconds(50))
        )
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
        device.port.close()
        guard case .detached = try await events.next() else { Issue.record("expected detach"); return }
        guard case .attached(let again) = try await events.next() else { Issue.record("expected reattach"); return }
        #expect(!again.port.isClosed)
        running.cancel()
        // Shutting down closes every port it opened.
        guard case .detached = try await events.next() else { Issue.record("expected detach at shutdown"); return }
        #expect(again.port.isClosed)
    }
}
