import DeviceIO
import Testing
@testable import PosAgent

@Suite struct DeviceConfigurationTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try AgentConfiguration.parse(text, file: "posagent.toml")
            return []
        } catch {
            return (error as? ConfigurationError)?.problems ?? ["\(error)"]
        }
    }

    @Test func serialIsTheDefaultKindAndKeyboardRulesKeepTheirSettings() throws {
        let configuration = try AgentConfiguration.parse(
            """
            [[devices]]
            role = "scanner"
            match = { ID_VENDOR_ID = "0c2e" }
            baud = 115200

            [[devices]]
            role = "scanner"
            kind = "keyboard"
            match = { ID_VENDOR_ID = "05e0", ID_MODEL_ID = "1200" }
            inter_key_timeout_ms = 80
            tab_ends_code = true

            [[devices]]
            role = "scanner"
            kind = "keyboard"
            path = "/dev/posagent/scanner-kbd"
            """, file: "posagent.toml")
        #expect(configuration.devices == [
            DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e"], baud: 115_200),
            DeviceRule(role: .scanner, kind: .keyboard, match: ["ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200"], interKeyTimeout: .milliseconds(80), tabEndsCode: true),
            DeviceRule(role: .scanner, kind: .keyboard, path: "/dev/posagent/scanner-kbd"),
        ])
        #expect(configuration.devices[1].interKeyTimeout == .milliseconds(80))
        #expect(configuration.devices[2].interKeyTimeout == DeviceRule.defaultInterKeyTimeout)
        #expect(!configuration.devices[2].tabEndsCode)
    }

    @Test func onlyAScannerMayBeAKeyboard() {
        let found = problems(
            """
            [[devices]]
            role = "tablet"
            kind = "keyboard"
            match = { ID_VENDOR_ID = "05e0" }
            """)
        #expect(found == [#"devices[1]: only a scanner can be a keyboard: write role = "scanner", or remove kind = "keyboard" for a serial tablet"#])
    }

    /// A `[[devices]]` table for a scanner matched by vendor, with one line for each setting.
    func scannerRule(_ settings: String...) -> String {
        """
        [[devices]]
        role = "scanner"
        match = { ID_VENDOR_ID = "05e0" }
        \(settings.joined(separator: "\n"))

        """
    }

    @Test func wrongKeyboardSettingsSayWhatToWrite() {
        let found = problems([
            scannerRule(#"kind = "usb""#),
            scannerRule("inter_key_timeout_ms = 50"),
            scannerRule(#"kind = "keyboard""#, "baud = 9600"),
            scannerRule(#"kind = "keyboard""#, "inter_key_timeout_ms = 0"),
            scannerRule(#"kind = "keyboard""#, #"tab_ends_code = "yes""#),
        ].joined())
        #expect(found.count == 5)
        #expect(found.contains(#"devices[1].kind must be "serial" (a tty, the default) or "keyboard" (a keyboard-wedge scanner's /dev/input/eventN)"#))
        #expect(found.contains(#"devices[2].inter_key_timeout_ms applies only to a keyboard scanner; remove it, or add kind = "keyboard" if this scanner types its codes"#))
        #expect(found.contains("devices[3].baud does not apply to a keyboard scanner (it has no serial line); remove it"))
        #expect(found.contains("devices[4].inter_key_timeout_ms must be a whole number of milliseconds from 1 to 1000, e.g. 50 (the default)"))
        #expect(found.contains("devices[5].tab_ends_code must be true or false (whether Tab ends a code as Enter does)"))
    }
}
