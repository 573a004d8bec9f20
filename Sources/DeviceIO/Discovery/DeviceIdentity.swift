/// How a device is known across unplugs: a replugged scanner is the same scanner even if the
/// kernel names its node ttyACM1 this time.
public struct DeviceIdentity: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// USB vendor, product, serial (and interface, past the first) when the device has a serial;
    /// else its physical port (ID_PATH); else its node.
    public init(_ device: KernelDevice) {
        let vendor = device.value(of: "ID_VENDOR_ID") ?? "?"
        let product = device.value(of: "ID_MODEL_ID") ?? "?"
        if let serial = device.value(of: "ID_SERIAL_SHORT"), !serial.isEmpty {
            // A device with several ttys or input nodes (one per interface) gets one identity per node; the first
            // interface keeps the plain form, so a one-tty device is named the same either way.
            let interface = device.value(of: "ID_USB_INTERFACE_NUM") ?? device.usbParent?.interfaceNumber
            let suffix = interface.map { $0 == "00" ? "" : ":if\($0)" } ?? ""
            rawValue = "usb:\(vendor):\(product):\(serial)\(suffix)"
        } else if let port = device.value(of: "ID_PATH"), !port.isEmpty {
            rawValue = "port:\(port)"
        } else {
            rawValue = "node:\(device.devnode ?? device.syspath)"
        }
    }

    /// A fixed port configured by path.
    public static func path(_ path: String) -> DeviceIdentity {
        DeviceIdentity(rawValue: "path:\(path)")
    }

    public var description: String { rawValue }
}
