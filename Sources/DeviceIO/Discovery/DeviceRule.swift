/// What a configured device is for.
public enum DeviceRole: String, Hashable, Sendable, CaseIterable {
    case scanner
    case tablet
    /// Identity unknown: the agent may open it and say tablet `hello`; it is a tablet if it answers.
    /// Only a rule can ask for this, so an unnamed tty is still never opened.
    case probe
}

/// One `[[devices]]` table of the configuration: which tty is which device.
///
/// Two kinds, as in the TOML:
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
/// ```
/// `match` keys are udev properties (`ID_VENDOR_ID`, `ID_MODEL_ID`, `ID_SERIAL_SHORT`, `ID_PATH`,
/// `POSAGENT_ROLE`, or any other); every key must equal the device's value (case-insensitively).
/// When udev has not set `ID_VENDOR_ID`, `ID_MODEL_ID` or `ID_SERIAL_SHORT`, the USB parent's
/// `idVendor`, `idProduct` and `serial` sysattrs stand in. A rule has either `match` or `path`.
public struct DeviceRule: Hashable, Sendable {
    public var role: DeviceRole
    /// udev properties that must all match; empty for a path rule.
    public var match: [String: String]
    /// A fixed device path; nil for a match rule.
    public var path: String?
    public var baud: Int

    /// - Parameters:
    ///   - role: `scanner`, `tablet`, or `probe` (say hello; a tablet if it answers).
    ///   - match: udev property → expected value; leave empty when `path` is set.
    ///   - path: a tty opened at start and retried every half second while absent.
    ///   - baud: 9600 and 115200 are the usual; see `SerialSettings.supportedBauds`.
    public init(role: DeviceRole, match: [String: String] = [:], path: String? = nil, baud: Int = 9600) {
        self.role = role
        self.match = match
        self.path = path
        self.baud = baud
    }

    /// Why a rule cannot be used, for the configuration loader to report; nil when it is usable.
    public var problem: String? {
        if path == nil, match.isEmpty { return "a [[devices]] rule for \(role.rawValue) needs either match = {…} or path = \"…\"" }
        if path != nil, !match.isEmpty { return "a [[devices]] rule for \(role.rawValue) has both match and path; use one" }
        if !SerialSettings.supportedBauds.contains(baud) { return "baud \(baud) is not supported; use 9600 or 115200" }
        return nil
    }

    /// Whether this match rule names the device. Path rules never match udev devices: they are
    /// opened by path, so a port is not opened twice.
    public func matches(_ device: KernelDevice) -> Bool {
        guard path == nil, !match.isEmpty else { return false }
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
