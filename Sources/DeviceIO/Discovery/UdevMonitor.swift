#if canImport(Glibc)
import Glibc
#endif
import CUdev
import Foundation

/// udev's add/remove/change events for some subsystems, as an async sequence.
///
/// The netlink socket is read on its own thread (poll() on it and a wake pipe), which also owns the
/// libudev context; ending the iteration stops the thread and frees everything.
enum UdevMonitor {
    static func events(subsystems: [String]) throws(DeviceIOError) -> AsyncThrowingStream<KernelDeviceEvent, any Error> {
        let udev = try Udev()
        // "udev": events after udevd's rules ran, so properties such as POSAGENT_ROLE are set.
        guard let monitor = udev_monitor_new_from_netlink(udev.handle, "udev") else {
            throw DeviceIOError(.udevFailed, "cannot listen to udev events; is this a container without netlink?", errno: .current)
        }
        for subsystem in subsystems { udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil) }
        guard udev_monitor_enable_receiving(monitor) >= 0 else {
            udev_monitor_unref(monitor)
            throw DeviceIOError(.udevFailed, "cannot receive udev events", errno: .current)
        }
        let wake: WakePipe
        do {
            wake = try WakePipe.make(syscalls: .live)
        } catch {
            udev_monitor_unref(monitor)
            throw error
        }
        let (stream, continuation) = AsyncThrowingStream<KernelDeviceEvent, any Error>.makeStream()
        continuation.onTermination = { _ in wake.signal() }
        let context = MonitorContext(udev: udev, monitor: monitor)
        let thread = Thread {
            let failure = context.run(wake: wake, continuation: continuation)
            udev_monitor_unref(context.monitor)
            wake.close()
            continuation.finish(throwing: failure.map { $0 as any Error })
        }
        thread.name = "posagent-udev-monitor"
        thread.start()
        return stream
    }
}

/// The C objects handed to the monitor thread, which alone uses them from then on.
private final class MonitorContext: @unchecked Sendable {
    let udev: Udev
    let monitor: OpaquePointer

    init(udev: Udev, monitor: OpaquePointer) {
        self.udev = udev
        self.monitor = monitor
    }

    func run(wake: WakePipe, continuation: AsyncThrowingStream<KernelDeviceEvent, any Error>.Continuation) -> DeviceIOError? {
        var fds = [
            pollfd(fd: udev_monitor_get_fd(monitor), events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            if case .failure(let errno) = Syscalls.live.pollFiles(&fds, timeoutMilliseconds: -1) {
                return DeviceIOError(.udevFailed, "waiting for udev events failed", errno: errno)
            }
            if fds[1].revents != 0 { return nil }
            guard fds[0].revents != 0 else { continue }
            // The socket is non-blocking; drain every queued event.
            while let device = udev_monitor_receive_device(monitor) {
                let action = udev_device_get_action(device).map { String(cString: $0) } ?? ""
                let event = KernelDeviceEvent(action: KernelDeviceEvent.Action(rawValue: action) ?? .other, device: Udev.snapshot(device))
                udev_device_unref(device)
                continuation.yield(event)
            }
        }
    }
}
