/// Everything the devices tell the daemon, in one stream, with no knowledge of what it means for
/// the shop: the checkout logic reads this and nothing lower.
public enum DeviceInput: Hashable, Sendable {
    /// A configured device's port opened (a probed one is a tablet only once it is present).
    case attached(DeviceIdentity, DeviceRole)
    /// It went away; its port is closed.
    case detached(DeviceIdentity, DeviceRole)
    /// A barcode was scanned.
    case scanned(Barcode, from: DeviceIdentity)
    /// A scanner sent a line that is no barcode (already logged as a warning).
    case scanRejected(ScanRejection, from: DeviceIdentity)
    /// The customer did something at a tablet, or the tablet's presence changed.
    case tablet(TabletEvent, from: DeviceIdentity)
}

/// One attached device, for `posagent devices` and the status API.
public struct DeviceStatus: Hashable, Sendable {
    public var identity: DeviceIdentity
    public var role: DeviceRole
    public var kind: DeviceKind
    /// The node it was opened from, e.g. /dev/ttyACM0 or /dev/input/event5.
    public var devnode: String
    /// A serial device's; nil for a keyboard.
    public var baud: Int?
    /// For a tablet (or a probed device) that answered hello: what it reported.
    public var tablet: TabletInfo?
    /// For a present tablet that takes images: how many of the marketing images it holds and lacks.
    public var images: ImageCounts?

    public init(
        identity: DeviceIdentity, role: DeviceRole, kind: DeviceKind = .serial, devnode: String, baud: Int?, tablet: TabletInfo? = nil,
        images: ImageCounts? = nil
    ) {
        self.images = images
        self.identity = identity
        self.role = role
        self.kind = kind
        self.devnode = devnode
        self.baud = baud
        self.tablet = tablet
    }
}

/// How many of the marketing images a tablet holds, and how many are still to send it.
public struct ImageCounts: Hashable, Sendable, Codable {
    public var held: Int
    public var toSend: Int

    public init(held: Int, toSend: Int) {
        self.held = held
        self.toSend = toSend
    }
}
