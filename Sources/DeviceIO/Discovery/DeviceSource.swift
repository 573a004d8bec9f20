/// Where discovery learns of ttys: udev in the daemon, a fake in tests.
public protocol DeviceSource: Sendable {
    /// Changes from now on. Called before `devices()`, so nothing between the two is missed.
    func events() throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error>
    /// The ttys present now.
    func devices() throws(DeviceIOError) -> [KernelDevice]
}

/// The tty subsystem as libudev sees it.
public struct UdevDeviceSource: DeviceSource {
    public init() {}

    public func events() throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error> {
        try UdevMonitor.events(subsystem: "tty")
    }

    public func devices() throws(DeviceIOError) -> [KernelDevice] {
        try Udev().devices(subsystem: "tty")
    }
}
