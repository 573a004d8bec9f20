/// What udev knows of one tty or input node, copied out of libudev at once so it can cross threads
/// and outlive the C objects.
public struct KernelDevice: Hashable, Sendable {
    /// e.g. /sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0
    public var syspath: String
    /// e.g. /dev/ttyACM0 or /dev/input/event5; nil for a device without a node.
    public var devnode: String?
    /// "tty" or "input".
    public var subsystem: String
    /// udev properties (ID_VENDOR_ID, ID_SERIAL_SHORT, ID_PATH, POSAGENT_ROLE, …).
    public var properties: [String: String]
    /// For an eventN node, the udev properties of its inputN parent (PRODUCT, NAME, and the ID_*
    /// that udev puts there too); empty for a tty.
    public var inputParentProperties: [String: String]
    /// The USB device the tty belongs to, when there is one.
    public var usbParent: USBParent?
    /// Whether udev's rules have run for it; a device they have not tagged yet is judged later,
    /// on its add or change event.
    public var isInitialized: Bool

    public struct USBParent: Hashable, Sendable {
        /// sysattrs idVendor, idProduct, serial of the usb_device.
        public var vendorID: String?
        public var productID: String?
        public var serial: String?
        /// sysattr bInterfaceNumber of the usb_interface, e.g. "00": tells apart the ttys of a
        /// device that has several.
        public var interfaceNumber: String?

        public init(vendorID: String? = nil, productID: String? = nil, serial: String? = nil, interfaceNumber: String? = nil) {
            self.vendorID = vendorID
            self.productID = productID
            self.serial = serial
            self.interfaceNumber = interfaceNumber
        }
    }

    public init(
        syspath: String, devnode: String?, subsystem: String = "tty", properties: [String: String] = [:],
        inputParentProperties: [String: String] = [:], usbParent: USBParent? = nil, isInitialized: Bool = true
    ) {
        self.syspath = syspath
        self.devnode = devnode
        self.subsystem = subsystem
        self.properties = properties
        self.inputParentProperties = inputParentProperties
        self.usbParent = usbParent
        self.isInitialized = isInitialized
    }

    /// The kernel's name, the last part of the syspath: ttyACM0, event5, input12.
    public var sysname: String {
        syspath.split(separator: "/").last.map(String.init) ?? ""
    }

    /// An evdev node a keyboard scanner may be: in the input subsystem, named eventN (not the
    /// inputN device above it, nor mouseN or jsN), and a keyboard when udev's input_id says what it
    /// is (`ID_INPUT_KEYBOARD`), so a scanner's extra "Consumer Control" node is left alone. Without
    /// udev's rules (no ID_INPUT at all) the rule's match decides alone.
    public var isKeyboardEventNode: Bool {
        guard subsystem == "input", sysname.hasPrefix("event") else { return false }
        guard value(of: "ID_INPUT") != nil else { return true }
        return value(of: "ID_INPUT_KEYBOARD") == "1"
    }

    /// A property, falling back to the input parent's (for an eventN node), then to the USB
    /// parent's sysattrs when udev has not set it (no hwdb or rules ran, as in a minimal container).
    public func value(of key: String) -> String? {
        if let value = properties[key] ?? inputParentProperties[key] { return value }
        switch key {
        case "ID_VENDOR_ID": return usbParent?.vendorID
        case "ID_MODEL_ID": return usbParent?.productID
        case "ID_SERIAL_SHORT": return usbParent?.serial
        default: return nil
        }
    }
}

/// A change udev reported.
public struct KernelDeviceEvent: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable {
        case add, remove, change, other
    }

    public var action: Action
    public var device: KernelDevice

    public init(action: Action, device: KernelDevice) {
        self.action = action
        self.device = device
    }
}
