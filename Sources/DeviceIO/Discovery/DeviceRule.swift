/// What a configured device is for.
public enum DeviceRole: String, Hashable, Sendable, CaseIterable {
    case scanner
    case tablet
    /// Identity unknown: the agent may open it and say tablet `hello`; it is a tablet if it answers.
    /// Only a rule can ask for this, so an unnamed tty is still never opened.
    case probe
}

/// How the agent talks to a configured device.
public enum DeviceKind: String, Hashable, Sendable, CaseIterable {
    /// A tty (`/dev/ttyACM0`, `/dev/ttyUSB0`, `/dev/ttyS0`): read and written raw 8N1.
    case serial
    /// An evdev node (`/dev/input/eventN`) of a keyboard-wedge scanner: grabbed and read as key events.
    case keyboard
}

/// One `[[devices]]` table of the configuration: which tty or input node is which device.
///
/// Two ways to name one, as in the TOML:
/// ```toml
/// [[devices]]                      # a hotplugged USB device, matched on udev properties
/// role = "scanner"
/// match = { ID_VENDOR_ID = "0c2e", ID_MODEL_ID = "0b61" }
/// baud = 9600
///
/// [[devices]]                      # a fixed port that never hotplugs, opened by path
/// role = "tablet"
/// path = "/dev/ttyS0"
/// baud = 115200
///
/// [[devices]]                      # a keyboard-wedge scanner's input node, matched on udev properties
/// role = "scanner"
/// kind = "keyboard"
/// match = { ID_VENDOR_ID = "05e0", ID_MODEL_ID = "1200" }
/// inter_key_timeout_ms = 50
/// ```
/// `match` keys are udev properties (`ID_VENDOR_ID`, `ID_MODEL_ID`, `ID_SERIAL_SHORT`, `ID_PATH`,
/// `POSAGENT_ROLE`, or any other); every key must equal the device's value (case-insensitively).
/// When udev has not set `ID_VENDOR_ID`, `ID_MODEL_ID` or `ID_SERIAL_SHORT`, the USB parent's
/// `idVendor`, `idProduct` and `serial` sysattrs stand in. A rule has either `match` or `path`.
/// A serial rule names only ttys and a keyboard rule only `eventN` input nodes, so neither can open
/// the other's device.
public struct DeviceRule: Hashable, Sendable {
    public var role: DeviceRole
    public var kind: DeviceKind
    /// udev properties that must all match; empty for a path rule.
    public var match: [String: String]
    /// A fixed device path; nil for a match rule.
    public var path: String?
    /// For a serial device; a keyboard has none.
    public var baud: Int
    /// For a keyboard scanner: a code with a longer gap between two keys is typing, and dropped.
    public var interKeyTimeout: Duration
    /// For a keyboard scanner: whether Tab ends a code as Enter does.
    public var tabEndsCode: Bool

    public static let defaultInterKeyTimeout: Duration = .milliseconds(50)

    /// - Parameters:
    ///   - role: `scanner`, `tablet`, or `probe` (say hello; a tablet if it answers).
    ///   - kind: `serial` (a tty), or `keyboard` (an input node; scanners only).
    ///   - match: udev property → expected value; leave empty when `path` is set.
    ///   - path: a node opened at start and retried every half second while absent.
    ///   - baud: 9600 and 115200 are the usual; see `SerialSettings.supportedBauds`.
    ///   - interKeyTimeout: keyboard only; see `KeyboardDecoder`.
    ///   - tabEndsCode: keyboard only.
    public init(
        role: DeviceRole, kind: DeviceKind = .serial, match: [String: String] = [:], path: String? = nil, baud: Int = 9600,
        interKeyTimeout: Duration = DeviceRule.defaultInterKeyTimeout, tabEndsCode: Bool = false
    ) {
        self.role = role
        self.kind = kind
        self.match = match
        self.path = path
        self.baud = baud
        self.interKeyTimeout = interKeyTimeout
        self.tabEndsCode = tabEndsCode
    }

    /// Why a rule cannot be used, for the configuration loader to report; nil when it is usable.
    public var problem: String? {
        if path == nil, match.isEmpty { return "a [[devices]] rule for \(role.rawValue) needs either match = {…} or path = \"…\"" }
        if path != nil, !match.isEmpty { return "a [[devices]] rule for \(role.rawValue) has both match and path; use one" }
        switch kind {
        case .serial:
            if !SerialSettings.supportedBauds.contains(baud) { return "baud \(baud) is not supported; use 9600 or 115200" }
        case .keyboard:
            if role != .scanner {
                return "only a scanner can be a keyboard: write role = \"scanner\", or remove kind = \"keyboard\" for a serial \(role.rawValue)"
            }
            if interKeyTimeout <= .zero || interKeyTimeout > .seconds(1) {
                return "inter_key_timeout_ms must be from 1 to 1000 (scanners type a key every few milliseconds; 50 is the default)"
            }
        }
        return nil
    }

    /// Whether this match rule names the device. Path rules never match udev devices: they are
    /// opened by path, so a port is not opened twice. A serial rule names ttys only, a keyboard
    /// rule keyboard `eventN` nodes only (see `KernelDevice.isKeyboardEventNode`).
    public func matches(_ device: KernelDevice) -> Bool {
        guard path == nil, !match.isEmpty else { return false }
        switch kind {
        case .serial: guard device.subsystem == "tty" else { return false }
        case .keyboard: guard device.isKeyboardEventNode else { return false }
        }
        return match.allSatisfy { key, expected in
            device.value(of: key)?.lowercased() == expected.lowercased()
        }
    }
}

extension Array where Element == DeviceRule {
    /// The first usable rule that names the device; nil means the device is never opened.
    public func rule(for device: KernelDevice) -> DeviceRule? {
        first { $0.problem == nil && $0.matches(device) }
    }
}
