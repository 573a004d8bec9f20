#if canImport(Glibc)
import Glibc
#endif
import CUdev

/// Owns a libudev context. libudev objects are not thread-safe, so each thread that needs one
/// makes its own and only `KernelDevice` values leave it.
final class Udev {
    let handle: OpaquePointer

    init() throws(DeviceIOError) {
        guard let handle = udev_new() else {
            throw DeviceIOError(.udevFailed, "libudev could not start; is /sys mounted?", errno: .current)
        }
        self.handle = handle
    }

    deinit {
        udev_unref(handle)
    }

    /// Every device of a subsystem, as udev's database has it now.
    func devices(subsystem: String) throws(DeviceIOError) -> [KernelDevice] {
        guard let enumerate = udev_enumerate_new(handle) else {
            throw DeviceIOError(.udevFailed, "libudev could not enumerate devices", errno: .current)
        }
        defer { udev_enumerate_unref(enumerate) }
        udev_enumerate_add_match_subsystem(enumerate, subsystem)
        guard udev_enumerate_scan_devices(enumerate) >= 0 else {
            throw DeviceIOError(.udevFailed, "libudev could not scan \(subsystem) devices; is /sys readable?")
        }
        var devices: [KernelDevice] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let name = udev_list_entry_get_name(current),
               let device = udev_device_new_from_syspath(handle, name) {
                devices.append(Self.snapshot(device))
                udev_device_unref(device)
            }
            entry = udev_list_entry_get_next(current)
        }
        return devices
    }

    /// Copies what the daemon needs out of a udev_device (which the caller still owns).
    static func snapshot(_ device: OpaquePointer) -> KernelDevice {
        // Parents are owned by the child; they must not be unreferenced here.
        // An eventN node's inputN parent, where udev (or the kernel alone) keeps the device's IDs.
        let input = udev_device_get_parent_with_subsystem_devtype(device, "input", nil)
        let interface = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_interface")
        let usb = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device").map { parent in
            KernelDevice.USBParent(
                vendorID: sysattr(parent, "idVendor"), productID: sysattr(parent, "idProduct"), serial: sysattr(parent, "serial"),
                interfaceNumber: interface.flatMap { sysattr($0, "bInterfaceNumber") }
            )
        }
        return KernelDevice(
            syspath: string(udev_device_get_syspath(device)) ?? "",
            devnode: string(udev_device_get_devnode(device)),
            subsystem: string(udev_device_get_subsystem(device)) ?? "",
            properties: properties(of: device),
            inputParentProperties: input.map(properties(of:)) ?? [:],
            usbParent: usb,
            isInitialized: udev_device_get_is_initialized(device) == 1 || !udevdIsRunning
        )
    }

    private static func properties(of device: OpaquePointer) -> [String: String] {
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        return properties
    }

    /// Without udevd (a minimal container, or a umockdev testbed on such a machine) no device is
    /// ever "initialized", and waiting for its rules would wait forever.
    private static let udevdIsRunning = access("/run/udev/control", F_OK) == 0

    private static func sysattr(_ device: OpaquePointer, _ name: String) -> String? {
        string(udev_device_get_sysattr_value(device, name))?.trimmingWhitespace()
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension String {
    /// sysattrs end with a newline when read from a file.
    fileprivate func trimmingWhitespace() -> String {
        var slice = self[...]
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        return String(slice)
    }
}
