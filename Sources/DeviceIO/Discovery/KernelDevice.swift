/// What udev knows of one tty, copied out of libudev at once so it can cross threads and outlive
/// the C objects.
public struct KernelDevice: Hashable, Sendable {
    /// e.g. /sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0
    public var syspath: String
    /// e.g. /dev/ttyACM0; nil for a tty without a node.
    public var devnode: String?
    public var subsystem: String
    /// udev properties (ID_VENDOR_ID, ID_SERIAL_SHORT, ID_PATH, POSAGENT_ROLE, …).
    public var properties: [String: String]
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
        usbParent: USBParent? = nil, isInitialized: Bool = true
    ) {
        self.syspath = syspath
        self.devnode = devnode
        self.subsystem = subsystem
        self.properties = properties
        self.usbParent = usbParent
        self.isInitialized = isInitialized
    }

    /// A property, falling back to the USB parent's sysattrs when udev has not set it (no
    /// hwdb or rules ran, as in a minimal container).
    public func value(of key: String) -> String? {
        if let value = properties[key] { return value }
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
