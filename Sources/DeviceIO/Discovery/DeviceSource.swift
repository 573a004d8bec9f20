/// Where discovery learns of ttys and input nodes: udev in the daemon, a fake in tests.
public protocol DeviceSource: Sendable {
    /// Changes from now on. Called before `devices()`, so nothing between the two is missed.
    func events() throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error>
    /// The devices present now.
    func devices() throws(DeviceIOError) -> [KernelDevice]
}

/// The tty subsystem, and the input subsystem when a keyboard scanner is configured, as libudev
/// sees them.
public struct UdevDeviceSource: DeviceSource {
    public let subsystems: [String]

    public init(subsystems: [String] = ["tty"]) {
        self.subsystems = subsystems
    }

    /// What the rules need: ttys always, input nodes only when a rule is `kind = "keyboard"`, so a
    /// store without one never even lists its keyboards.
    public init(for rules: [DeviceRule]) {
        self.init(subsystems: rules.contains { $0.kind == .keyboard } ? ["tty", "input"] : ["tty"])
    }

    public func events() throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error> {
        try UdevMonitor.events(subsystems: subsystems)
    }

    public func devices() throws(DeviceIOError) -> [KernelDevice] {
        let udev = try Udev()
        var devices: [KernelDevice] = []
        for subsystem in subsystems { devices += try udev.devices(subsystem: subsystem) }
        return devices
    }
}
