import DeviceIO
import DeviceTestbed
import Foundation
import Testing

/// A keyboard-wedge scanner through the real daemon: the daemon runs inside a umockdev testbed (it
/// inherits LD_PRELOAD and UMOCKDEV_DIR from this test's child), finds the scanner's eventN by its
/// udev IDs, and a card typed on it answers the tablet's prompt of a real accrual.
extension DaemonSuites {
@Suite struct DaemonKeyboardScannerTests {
    @Test func aCardTypedOnAKeyboardScannerAccruesThroughTheDaemon() async throws {
        let (status, transcript) = try await Testbed.runUnderUmockdev(suite: "DaemonKeyboardScannerScenario")
        #expect(status == 0, "the umockdev scenario failed:\n\(transcript)")
        #expect(transcript.contains("Test run with 1 test"), "the umockdev scenario did not run:\n\(transcript)")
    }
}

@Suite(.enabled(if: Testbed.connection != nil, "runs only inside testbed.py, started by DaemonKeyboardScannerTests"))
struct DaemonKeyboardScannerScenario {
    @Test func scanAnswersThePromptAndTheShopKeyboardStaysClosed() async throws {
        let testbed = try #require(Testbed.connection)
        // The shop's own keyboard, present from the start: no rule names it.
        _ = try testbed.addUSBKeyboard(
            node: "event2", devno: "13:66", vendor: "046d", product: "c31c", serial: "DESK",
            properties: ["ID_VENDOR_ID": "046d", "ID_MODEL_ID": "c31c", "ID_INPUT": "1", "ID_INPUT_KEYBOARD": "1"])
        let counter = try await DaemonCheckoutTests.Counter.launch(extraConfiguration: """

            [[devices]]
            role = "scanner"
            kind = "keyboard"
            match = { ID_VENDOR_ID = "05e0", ID_MODEL_ID = "1200" }
            inter_key_timeout_ms = 50
            """)
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":20000}"#, key: "kbd-1")
        _ = try await counter.waitForPrompt(for: reply)

        // The scanner is plugged in while the prompt waits; umockdev plays its keys once the daemon
        // opens the node: a code typed slowly by a person (dropped), then the card.
        let slow = try #require(KeyboardTyping.events(typing: "12345678", start: .seconds(10), interval: .milliseconds(200)))
        let card = try #require(KeyboardTyping.events(typing: "880012345678", start: .seconds(12)))
        let scanner = try testbed.addUSBKeyboard(
            node: "event3", devno: "13:67", vendor: "05e0", product: "1200", serial: "KBD1",
            properties: ["ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200", "ID_SERIAL_SHORT": "KBD1", "ID_INPUT": "1", "ID_INPUT_KEYBOARD": "1"])
        try testbed.replay(slow + card, to: "/dev/input/event3")
        try testbed.send("uevent \(scanner) add")

        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        let json = try answer.json()
        #expect((json["member"] as? [String: Any])?["barcode"] as? String == "880012345678", "the card, not the slow typing: \(answer.body)")
        #expect((json["transaction"] as? [String: Any])?["points"] as? Int == 200)

        let devices = try await counter.daemon.request("GET", "/v1/devices").body
        #expect(devices.contains(#""identity":"usb:05e0:1200:KBD1""#), "\(devices)")
        #expect(devices.contains(#""node":"/dev/input/event3""#), "\(devices)")
        #expect(devices.contains(#""kind":"keyboard""#), "\(devices)")
        #expect(!devices.contains("046d"), "the shop's keyboard is not the daemon's: \(devices)")
        let log = counter.daemon.log()
        #expect(log.contains("this was typing, not a scan"), "the slow typing is logged as dropped: \(log)")
        #expect(!log.contains("/dev/input/event2"), "the shop's keyboard was never opened: \(log)")
    }
}
}
