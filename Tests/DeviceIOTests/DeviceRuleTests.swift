import Testing
@testable import DeviceIO

@Suite struct DeviceRuleTests {
    let scannerRule = DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e", "ID_MODEL_ID": "0b61"], baud: 9600)
    let taggedTablet = DeviceRule(role: .tablet, match: ["POSAGENT_ROLE": "tablet"], baud: 115200)

    func scanner(properties: [String: String] = ["ID_VENDOR_ID": "0C2E", "ID_MODEL_ID": "0b61", "ID_SERIAL_SHORT": "S1"], usb: KernelDevice.USBParent? = nil) -> KernelDevice {
        KernelDevice(syspath: "/sys/devices/usb1/1-1/1-1:1.0/tty/ttyACM0", devnode: "/dev/ttyACM0", properties: properties, usbParent: usb)
    }

    @Test func propertiesMatchIgnoringCase() {
        #expect([scannerRule, taggedTablet].rule(for: scanner())?.role == .scanner)
        #expect([scannerRule, taggedTablet].rule(for: scanner(properties: ["POSAGENT_ROLE": "tablet"]))?.role == .tablet)
    }

    @Test func usbParentSysattrsStandInForMissingProperties() {
        let bare = scanner(properties: [:], usb: .init(vendorID: "0c2e", productID: "0b61", serial: "XYZ"))
        #expect([scannerRule].rule(for: bare)?.role == .scanner)
        #expect(DeviceIdentity(bare).rawValue == "usb:0c2e:0b61:XYZ")
    }

    @Test func unnamedTTYMatchesNoRule() {
        let other = scanner(properties: ["ID_VENDOR_ID": "1234", "ID_MODEL_ID": "0b61"])
        #expect([scannerRule, taggedTablet].rule(for: other) == nil)
        #expect([scannerRule].rule(for: scanner(properties: ["ID_VENDOR_ID": "0c2e"])) == nil, "every key must match")
    }

    @Test func pathRulesNeverClaimUdevDevices() {
        let fixed = DeviceRule(role: .tablet, path: "/dev/ttyACM0", baud: 115200)
        #expect([fixed].rule(for: scanner()) == nil)
    }

    @Test func unusableRulesSayWhy() {
        #expect(DeviceRule(role: .scanner).problem != nil)
        #expect(DeviceRule(role: .scanner, match: ["A": "b"], path: "/dev/ttyS0").problem != nil)
        #expect(DeviceRule(role: .tablet, path: "/dev/ttyS0", baud: 12345).problem != nil)
        #expect(DeviceRule(role: .tablet, path: "/dev/ttyS0", baud: 115200).problem == nil)
        #expect([DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "0c2e"], baud: 1)].rule(for: scanner()) == nil)
    }

    @Test func eachTTYOfAMultiInterfaceDeviceHasItsOwnIdentity() {
        let first = scanner(properties: ["ID_VENDOR_ID": "2341", "ID_MODEL_ID": "8036", "ID_SERIAL_SHORT": "T1", "ID_USB_INTERFACE_NUM": "00"])
        let second = scanner(properties: ["ID_VENDOR_ID": "2341", "ID_MODEL_ID": "8036", "ID_SERIAL_SHORT": "T1", "ID_USB_INTERFACE_NUM": "02"])
        #expect(DeviceIdentity(first).rawValue == "usb:2341:8036:T1")
        #expect(DeviceIdentity(second).rawValue == "usb:2341:8036:T1:if02")
        let bySysattr = scanner(properties: [:], usb: .init(vendorID: "2341", productID: "8036", serial: "T1", interfaceNumber: "02"))
        #expect(DeviceIdentity(bySysattr) == DeviceIdentity(second))
    }

    @Test func identitySurvivesANewNodeName() {
        var replugged = scanner()
        replugged.devnode = "/dev/ttyACM1"
        replugged.syspath = "/sys/devices/usb1/1-1/1-1:1.0/tty/ttyACM1"
        #expect(DeviceIdentity(replugged) == DeviceIdentity(scanner()))
        let noSerial = KernelDevice(syspath: "/sys/x", devnode: "/dev/ttyUSB0", properties: ["ID_PATH": "pci-0000:00:14.0-usb-0:2:1.0"])
        #expect(DeviceIdentity(noSerial).rawValue == "port:pci-0000:00:14.0-usb-0:2:1.0")
    }

    func eventNode(_ name: String = "event5", properties: [String: String] = ["ID_VENDOR_ID": "05e0", "ID_MODEL_ID": "1200"]) -> KernelDevice {
        KernelDevice(
            syspath: "/sys/devices/usb1/1-2/1-2:1.0/0003:05E0:1200.0001/input/input9/\(name)", devnode: name.hasPrefix("input") ? nil : "/dev/input/\(name)",
            subsystem: "input", properties: properties)
    }

    @Test func aKeyboardRuleNamesOnlyKeyboardEventNodesAndASerialRuleOnlyTTYs() {
        let keyboard = DeviceRule(role: .scanner, kind: .keyboard, match: ["ID_VENDOR_ID": "05e0"])
        let serial = DeviceRule(role: .scanner, match: ["ID_VENDOR_ID": "05e0"])
        #expect([keyboard].rule(for: eventNode())?.kind == .keyboard)
        #expect([serial].rule(for: eventNode()) == nil, "a serial rule never opens an input node")
        #expect([keyboard].rule(for: scanner(properties: ["ID_VENDOR_ID": "05e0"])) == nil, "a keyboard rule never opens a tty")
        for other in ["input9", "mouse2", "js0"] {
            #expect([keyboard].rule(for: eventNode(other)) == nil, "\(other) is not an evdev node")
        }
        var consumerControl = eventNode("event6")
        consumerControl.properties["ID_INPUT"] = "1"
        consumerControl.properties["ID_INPUT_KEY"] = "1"
        #expect([keyboard].rule(for: consumerControl) == nil, "udev says it is no keyboard")
        consumerControl.properties["ID_INPUT_KEYBOARD"] = "1"
        #expect([keyboard].rule(for: consumerControl) != nil)
    }

    @Test func onlyAScannerMayBeAKeyboardAndItsTimeoutIsSane() {
        #expect(DeviceRule(role: .tablet, kind: .keyboard, match: ["A": "b"]).problem?.contains("only a scanner can be a keyboard") == true)
        #expect(DeviceRule(role: .probe, kind: .keyboard, match: ["A": "b"]).problem != nil)
        #expect(DeviceRule(role: .scanner, kind: .keyboard, match: ["A": "b"], interKeyTimeout: .zero).problem != nil)
        #expect(DeviceRule(role: .scanner, kind: .keyboard, match: ["A": "b"], baud: 0).problem == nil, "baud means nothing to a keyboard")
        #expect(DeviceRule(role: .scanner, kind: .keyboard, path: "/dev/posagent/scanner-kbd").problem == nil)
    }
}
