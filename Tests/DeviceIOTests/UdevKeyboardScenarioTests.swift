import Foundation
import DeviceTestbed
import Testing
@testable import DeviceIO

/// A keyboard-wedge scanner found through libudev's input subsystem under umockdev, its keys
/// replayed from evemu files through the hub. Runs in the child that UdevDiscoveryTests starts.
///
/// umockdev 0.17 answers EVIOCGRAB (1 and 0) with success on its emulated nodes without grabbing
/// anything (other unrecorded evdev ioctls get ENOENT), so the grab itself is checked in
/// KeyboardPortTests, through the Syscalls seam.
@Suite(.enabled(if: Testbed.connection != nil, "runs only inside testbed.py, started by UdevDiscoveryTests"))
struct UdevKeyboardScenarioTests {
    let rule = DeviceRule(role: .scanner, kind: .keyboard, match: ["ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200"])
    let scannerProperties = [
        "ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200", "ID_SERIAL_SHORT": "KBD1", "ID_INPUT": "1", "ID_INPUT_KEY": "1", "ID_INPUT_KEYBOARD": "1",
    ]

    func typing(_ text: String, at seconds: Int64, every interval: Duration = .milliseconds(2)) throws -> [InputEvent] {
        try #require(KeyboardTyping.events(typing: text, start: .seconds(seconds), interval: interval))
    }

    @Test func discoveryScansAndReplugOfAKeyboardScanner() async throws {
        let testbed = try #require(Testbed.connection)
        let scannerPath = try testbed.addUSBKeyboard(node: "event3", devno: "13:67", vendor: "05e0", product: "1200", serial: "KBD1", properties: scannerProperties)
        // The shop's own keyboard: an input node no rule names.
        _ = try testbed.addUSBKeyboard(
            node: "event4", devno: "13:68", vendor: "046d", product: "c31c", serial: "DESK",
            properties: ["ID_VENDOR_ID": "046d", "ID_MODEL_ID": "c31c", "ID_INPUT": "1", "ID_INPUT_KEYBOARD": "1"])
        // What the scanner types once opened: an EAN-13, a Code 128 with letters and shifted
        // characters, a code a person typed slowly, then one more scan.
        try testbed.replay(
            try typing("8801234567893", at: 100) + typing("Ab-12/x%Z{9}", at: 101) + typing("12345", at: 102, every: .milliseconds(200))
                + typing("4006381333931", at: 104),
            to: "/dev/input/event3")

        let enumerated = try UdevDeviceSource(for: [rule]).devices()
        let node = try #require(enumerated.first { $0.devnode == "/dev/input/event3" })
        #expect(node.isKeyboardEventNode)
        #expect(node.value(of: "ID_SERIAL_SHORT") == "KBD1", "the inputN parent's properties stand in")
        #expect(try UdevDeviceSource(for: []).devices().allSatisfy { $0.subsystem == "tty" }, "without a keyboard rule no input node is listed")

        let hub = DeviceHub(rules: [rule], configuration: .init(discovery: .init(pollInterval: .milliseconds(100))))
        let inputs = Inbox<DeviceInput>()
        inputs.collect(hub.inputs)
        let running = Task { try await hub.run() }
        defer { running.cancel() }

        let identity = DeviceIdentity(rawValue: "usb:05e0:1200:KBD1")
        #expect(try await inputs.next() == .attached(identity, .scanner))
        let statuses = await hub.devices()
        #expect(statuses == [DeviceStatus(identity: identity, role: .scanner, kind: .keyboard, devnode: "/dev/input/event3", baud: nil)],
                "the unnamed keyboard is never opened")
        #expect(try await inputs.next() == .scanned(Barcode(value: "8801234567893"), from: identity))
        #expect(try await inputs.next() == .scanned(Barcode(value: "Ab-12/x%Z{9}"), from: identity))
        guard case .scanRejected(.typedSlowly(let gap, _), identity) = try await inputs.next() else {
            Issue.record("expected the slowly typed code to be dropped")
            return
        }
        #expect(gap == .milliseconds(200))
        #expect(try await inputs.next() == .scanned(Barcode(value: "4006381333931"), from: identity))

        // Unplugged, then plugged in again as event5: the same scanner.
        try testbed.send("remove \(scannerPath)")
        #expect(try await inputs.next() == .detached(identity, .scanner))
        let replugged = try testbed.addUSBKeyboard(node: "event5", devno: "13:69", vendor: "05e0", product: "1200", serial: "KBD1", properties: scannerProperties)
        try testbed.replay(try typing("9780201379624", at: 200), to: "/dev/input/event5")
        try testbed.send("uevent \(replugged) add")
        #expect(try await inputs.next() == .attached(identity, .scanner))
        #expect(await hub.devices().map(\.devnode) == ["/dev/input/event5"])
        #expect(try await inputs.next() == .scanned(Barcode(value: "9780201379624"), from: identity))

        // A keyboard plugged in later that no rule names stays closed.
        let stranger = try testbed.addUSBKeyboard(
            node: "event6", devno: "13:70", vendor: "04d9", product: "1603", serial: "X", properties: ["ID_VENDOR_ID": "04d9", "ID_INPUT": "1", "ID_INPUT_KEYBOARD": "1"])
        try testbed.send("uevent \(stranger) add")
        #expect(try await inputs.drain(after: .milliseconds(500)).isEmpty, "no event for an unnamed keyboard")
        #expect(await hub.devices().count == 1)
    }
}
