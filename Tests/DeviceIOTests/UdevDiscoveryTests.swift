import Foundation
import DeviceTestbed
import Testing
@testable import DeviceIO

/// Discovery against libudev, under umockdev. umockdev works by LD_PRELOAD, so the parent test
/// re-runs this test binary under `umockdev-wrapper python3 Tests/DeviceTestbed/testbed.py`, and the scenario below
/// runs in that child, where `Testbed.connection` exists.
@Suite struct UdevDiscoveryTests {
    @Test func discoveryScenarioPassesUnderUmockdev() async throws {
        try await Self.runUnderUmockdev(suite: "UdevScenarioTests")
    }

    @Test func keyboardScannerScenarioPassesUnderUmockdev() async throws {
        try await Self.runUnderUmockdev(suite: "UdevKeyboardScenarioTests")
    }

    /// Runs one scenario suite (of one test) in a child of its own, so each has a testbed of its own
    /// and counts only its own descriptors.
    static func runUnderUmockdev(suite: String) async throws {
        let (status, transcript) = try await Testbed.runUnderUmockdev(suite: suite)
        #expect(status == 0, "the umockdev scenario \(suite) failed:\n\(transcript)")
        // A filter that matched nothing would also exit 0.
        #expect(transcript.contains("Test run with 1 test"), "the umockdev scenario \(suite) did not run:\n\(transcript)")
    }
}

@Suite(.enabled(if: Testbed.connection != nil, "runs only inside testbed.py, started by UdevDiscoveryTests"))
struct UdevScenarioTests {
    let scannerRule = DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61"], baud: 9600)
    let tabletRule = DeviceRule(role: .tablet, match: ["ID_VENDOR_ID": "2341", "ID_MODEL_ID": "8036"], baud: 115200)

    /// Descriptors this process has open, as "fd→target"; meaningful here because the child runs
    /// this test alone. The runtime's own timerfd/eventfd/epoll come and go with its threads, so
    /// only files, ttys, pipes and sockets (what this code opens) are counted.
    static func openDescriptors() throws -> Set<String> {
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return Set(fds.compactMap { fd in
            // Gone by now: the descriptor of the directory listing itself.
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)") else { return nil }
            return target.hasPrefix("anon_inode:") ? nil : "\(fd)→\(target)"
        })
    }

    @Test func hotplugReplugAndStrictPolicy() async throws {
        let testbed = try #require(Testbed.connection)
        let descriptorsBefore = try Self.openDescriptors()
        let scannerPath = try testbed.addUSBTTY(
            node: "ttyACM0", devno: "166:0", vendor: "0c2e", product: "0b61", serial: "SCN1",
            properties: ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61", "ID_SERIAL_SHORT": "SCN1"]
        )
        // No udev properties: the rule must match on the USB parent's sysattrs.
        _ = try testbed.addUSBTTY(node: "ttyACM1", devno: "166:1", vendor: "2341", product: "8036", serial: "TAB1")
        _ = try testbed.addUSBTTY(node: "ttyUSB0", devno: "188:0", vendor: "1a86", product: "7523", serial: "MODEM", properties: ["ID_VENDOR_ID": "1a86"])

        let enumerated = try UdevDeviceSource().devices()
        #expect(Set(enumerated.compactMap(\.devnode)) == ["/dev/ttyACM0", "/dev/ttyACM1", "/dev/ttyUSB0"])
        #expect(enumerated.first { $0.devnode == "/dev/ttyACM1" }?.usbParent == .init(vendorID: "2341", productID: "8036", serial: "TAB1", interfaceNumber: "00"))

        let manager = DeviceManager(rules: [scannerRule, tabletRule], configuration: .init(pollInterval: .milliseconds(100)))
        let events = Inbox<DeviceEvent>()
        events.collect(manager.events)
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        try await scenario(testbed, events, scannerPath: scannerPath)

        // Stopping discovery closes every port, reader and the udev monitor: nothing leaks.
        running.cancel()
        try await events.waitUntilFinished()
        // Reader threads close their descriptors as they exit, shortly after.
        var leaked = try Self.openDescriptors().subtracting(descriptorsBefore)
        for _ in 0..<200 where !leaked.isEmpty {
            try await Task.sleep(for: .milliseconds(25))
            leaked = try Self.openDescriptors().subtracting(descriptorsBefore)
        }
        #expect(leaked.isEmpty, "descriptors leaked after unplug, replug and shutdown")
    }

    private func scenario(_ testbed: Testbed, _ events: Inbox<DeviceEvent>, scannerPath: String) async throws {

        var attached: [String: AttachedDevice] = [:]
        for _ in 0..<2 {
            guard case .attached(let device) = try await events.next() else { Issue.record("expected attach"); return }
            attached[device.devnode] = device
        }
        #expect(Set(attached.keys) == ["/dev/ttyACM0", "/dev/ttyACM1"], "the unnamed ttyUSB0 is never opened")
        let scanner = try #require(attached["/dev/ttyACM0"])
        let tablet = try #require(attached["/dev/ttyACM1"])
        #expect(scanner.identity.rawValue == "usb:0c2e:0b61:SCN1")
        #expect(tablet.identity.rawValue == "usb:2341:8036:TAB1")

        // Real bytes through the emulated node, both ways.
        let scans = Inbox<ScannerEvent>()
        scans.collect(ScannerConnection(port: try #require(scanner.port.serial)))
        try testbed.write(Array("]E08801234567893\r\n".utf8), to: "/dev/ttyACM0")
        #expect(try await scans.next() == .scanned(Barcode(value: "8801234567893", symbology: "E0")))

        let connection = TabletConnection(port: try #require(tablet.port.serial))
        let tabletEvents = Inbox<TabletEvent>()
        tabletEvents.collect(connection.events)
        let session = Task { try await connection.run() }
        defer { session.cancel() }
        var decoder = FrameDecoder()
        let hello = decoder.feed(try testbed.read(from: "/dev/ttyACM1"))
        #expect(hello.contains(.frame(Array(#"{"seq":0,"type":"hello"}"#.utf8))))
        let answer = try FrameFormat.encode(payload: TabletMessage.hello(TabletInfo(model: "PT-7", firmware: "2.1", serial: "TAB1")).wire(seq: 0))
        try testbed.write([FrameFormat.ack] + answer, to: "/dev/ttyACM1")
        #expect(try await tabletEvents.next() == .present(TabletInfo(model: "PT-7", firmware: "2.1", serial: "TAB1")))

        // Unplug: the port closes and the scan stream ends.
        try testbed.send("remove \(scannerPath)")
        guard case .detached(let gone, .scanner) = try await events.next() else { Issue.record("expected detach"); return }
        #expect(gone == scanner.identity)
        #expect(scanner.port.isClosed)
        try await scans.waitUntilFinished()

        // Replug under a new node name: the same scanner, reopened.
        let replugged = try testbed.addUSBTTY(
            node: "ttyACM2", devno: "166:2", vendor: "0c2e", product: "0b61", serial: "SCN1",
            properties: ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61", "ID_SERIAL_SHORT": "SCN1"]
        )
        try testbed.send("uevent \(replugged) add")
        guard case .attached(let again) = try await events.next() else { Issue.record("expected reattach"); return }
        #expect(again.identity == scanner.identity)
        #expect(again.devnode == "/dev/ttyACM2")
        let rescans = Inbox<ScannerEvent>()
        rescans.collect(ScannerConnection(port: try #require(again.port.serial)))
        try testbed.write(Array("4006381333931\r".utf8), to: "/dev/ttyACM2")
        #expect(try await rescans.next() == .scanned(Barcode(value: "4006381333931")))

        // A hotplugged tty that no rule names stays closed.
        let stranger = try testbed.addUSBTTY(node: "ttyUSB1", devno: "188:1", vendor: "067b", product: "2303", serial: "X")
        try testbed.send("uevent \(stranger) add")
        let late = try await events.drain(after: .milliseconds(500))
        #expect(late.isEmpty, "no event for an unnamed tty")
    }
}
