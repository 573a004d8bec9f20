#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A scanner in USB keyboard mode made with the kernel's uinput: a real `/dev/input/eventN` whose
/// key events the kernel stamps, so the daemon reads it exactly as a keyboard-wedge scanner.
///
/// Needs `/dev/uinput` (the `uinput` module) and the right to write it (root, as a rule); where the
/// machine has none, `create` says so and names the serial simulator instead.
public final class VirtualKeyboardScanner: Sendable {
    /// The evdev node the daemon opens (`/dev/input/eventN`).
    public let devicePath: String
    /// The input device's name in /sys (`input17`).
    public let sysname: String
    private let fd: Int32
    private let closed = Mutex(false)

    /// The name the device reports (`ATTRS{name}` in udev rules).
    public static let defaultName = "posagent virtual keyboard scanner"

    public static func create(
        name: String = defaultName, vendor: UInt16 = 0x1209, product: UInt16 = 0x0001, uinputPath: String = "/dev/uinput"
    ) throws(DeviceIOError) -> VirtualKeyboardScanner {
        let fd = Glibc.open(uinputPath, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let failure = Errno.current
            switch failure.rawValue {
            case ENOENT, ENODEV, ENXIO:
                throw DeviceIOError(.openFailed, """
                    this machine has no \(uinputPath), so a keyboard scanner cannot be simulated here: load it with \
                    `modprobe uinput` (as root) where the kernel has it, or simulate a serial scanner (without --keyboard)
                    """, errno: failure)
            case EACCES, EPERM:
                throw DeviceIOError(.openFailed, """
                    cannot open \(uinputPath): making an input device needs root (or a udev rule giving you write access \
                    to it); run this as root, or simulate a serial scanner (without --keyboard)
                    """, errno: failure)
            default:
                throw DeviceIOError(.openFailed, "cannot open \(uinputPath)", errno: failure)
            }
        }
        do {
            let sysname = try Self.setUp(fd, name: name, vendor: vendor, product: product)
            let devicePath = try Self.eventNode(of: sysname)
            return VirtualKeyboardScanner(fd: fd, sysname: sysname, devicePath: devicePath)
        } catch {
            _ = Glibc.ioctl(fd, UInput.destroyDevice)
            Glibc.close(fd)
            throw error
        }
    }

    private init(fd: Int32, sysname: String, devicePath: String) {
        self.fd = fd
        self.sysname = sysname
        self.devicePath = devicePath
    }

    deinit { close() }

    /// Types the code key by key (Shift where a character needs it), then Enter.
    public func scan(_ code: String) throws(DeviceIOError) {
        guard let events = KeyboardTyping.events(typing: code) else {
            throw DeviceIOError(.encodingFailed, "\(code) has a character no key of a US keyboard types; a keyboard scanner sends printable ASCII only")
        }
        try send(events)
    }

    /// Sends key events, each followed by a SYN_REPORT as a real keyboard's are.
    public func send(_ events: [InputEvent]) throws(DeviceIOError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 2 * InputEventReader.recordSize)
        for event in events {
            bytes += Self.record(type: event.type, code: event.code, value: event.value)
            bytes += Self.record(type: UInput.synchronize, code: 0, value: 0)
        }
        guard !closed.withLock({ $0 }) else { throw DeviceIOError(.closed, "the virtual keyboard scanner is unplugged") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DeviceIOError(.ioFailed, "cannot write key events to /dev/uinput", errno: .current)
            }
            offset += written
        }
    }

    /// Unplugs the keyboard: the kernel removes its eventN. Idempotent.
    public func close() {
        let wasOpen = closed.withLock { isClosed in
            defer { isClosed = true }
            return !isClosed
        }
        guard wasOpen else { return }
        _ = Glibc.ioctl(fd, UInput.destroyDevice)
        Glibc.close(fd)
    }

    /// Enables key events for every key the scanner types and Enter, then creates the device.
    private static func setUp(_ fd: Int32, name: String, vendor: UInt16, product: UInt16) throws(DeviceIOError) -> String {
        guard Glibc.ioctl(fd, UInput.setEventBit, Int32(InputEvent.keyType)) == 0 else {
            throw DeviceIOError(.configureFailed, "uinput refused key events", errno: .current)
        }
        for code in KeyCodeTable.typedKeys {
            guard Glibc.ioctl(fd, UInput.setKeyBit, Int32(code)) == 0 else {
                throw DeviceIOError(.configureFailed, "uinput refused key \(code)", errno: .current)
            }
        }
        var setup = [UInt8](repeating: 0, count: UInput.setupSize)
        for (index, word) in [UInput.usbBus, vendor, product, 1].enumerated() {
            setup[index * 2] = UInt8(word & 0xFF)
            setup[index * 2 + 1] = UInt8(word >> 8)
        }
        for (index, byte) in name.utf8.prefix(79).enumerated() { setup[8 + index] = byte }
        let configured = setup.withUnsafeMutableBytes { bytes in bytes.baseAddress.map { Glibc.ioctl(fd, UInput.deviceSetup, $0) } ?? -1 }
        guard configured == 0 else { throw DeviceIOError(.configureFailed, "uinput refused the device's setup", errno: .current) }
        guard Glibc.ioctl(fd, UInput.createDevice) == 0 else {
            throw DeviceIOError(.configureFailed, "uinput could not create the keyboard", errno: .current)
        }
        var buffer = [CChar](repeating: 0, count: 64)
        let named = buffer.withUnsafeMutableBytes { bytes in bytes.baseAddress.map { Glibc.ioctl(fd, UInput.getSysname(64), $0) } ?? -1 }
        guard named >= 0 else { throw DeviceIOError(.configureFailed, "uinput did not name the new device", errno: .current) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The eventN below /sys/devices/virtual/input/SYSNAME; the kernel makes it at once, devtmpfs
    /// its node.
    private static func eventNode(of sysname: String) throws(DeviceIOError) -> String {
        let directory = "/sys/devices/virtual/input/\(sysname)"
        for _ in 0..<100 {
            if let event = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.first(where: { $0.hasPrefix("event") }),
               FileManager.default.fileExists(atPath: "/dev/input/\(event)") {
                return "/dev/input/\(event)"
            }
            usleep(10_000)
        }
        throw DeviceIOError(.openFailed, "uinput made \(sysname) but no /dev/input/eventN appeared for it within 1 s")
    }

    private static func record(type: UInt16, code: UInt16, value: Int32) -> [UInt8] {
        // struct timeval left zero: the kernel stamps uinput's events itself.
        var bytes = [UInt8](repeating: 0, count: 16)
        withUnsafeBytes(of: type.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: code.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        return bytes
    }
}

/// The uinput ioctls of linux/uinput.h, macros Swift does not import.
enum UInput {
    /// UI_SET_EVBIT, `_IOW('U', 100, int)`.
    static let setEventBit: UInt = 0x4004_5564
    /// UI_SET_KEYBIT, `_IOW('U', 101, int)`.
    static let setKeyBit: UInt = 0x4004_5565
    /// UI_DEV_SETUP, `_IOW('U', 3, struct uinput_setup)`: a 92-byte struct.
    static let deviceSetup: UInt = 0x405C_5503
    static let setupSize = 92
    /// UI_DEV_CREATE, `_IO('U', 1)`, and UI_DEV_DESTROY, `_IO('U', 2)`.
    static let createDevice: UInt = 0x5501
    static let destroyDevice: UInt = 0x5502
    /// UI_GET_SYSNAME(len), `_IOC(_IOC_READ, 'U', 44, len)`.
    static func getSysname(_ length: UInt) -> UInt { 0x8000_0000 | (length << 16) | 0x552C }
    static let usbBus: UInt16 = 0x03
    static let synchronize: UInt16 = 0x00
}
