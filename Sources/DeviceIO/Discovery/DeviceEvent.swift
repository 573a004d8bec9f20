/// A configured device whose port is open and ready.
public struct AttachedDevice: Sendable {
    public var identity: DeviceIdentity
    public var role: DeviceRole
    /// The node it was opened from, e.g. /dev/ttyACM1 or /dev/input/event5.
    public var devnode: String
    public var rule: DeviceRule
    /// For a serial rule a tty, open, exclusive, raw 8N1 at the rule's baud; for a keyboard rule
    /// the grabbed input node. The manager closes it on removal; read it with `ScannerConnection`
    /// or `TabletConnection` according to `role`.
    public var port: DevicePort

    /// `serial` or `keyboard`, as its rule says.
    public var kind: DeviceKind { rule.kind }
}

/// What discovery reports, in order, for each identity: attached, then detached, then perhaps
/// attached again after a replug.
public enum DeviceEvent: Sendable {
    case attached(AttachedDevice)
    /// The device went away or its port failed; its port is closed.
    case detached(DeviceIdentity, DeviceRole)
    /// A configured device is present but its port would not open; retried every poll interval.
    case openFailed(DeviceIdentity, DeviceIOError)
}
