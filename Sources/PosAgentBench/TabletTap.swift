import DeviceIO
import Foundation

/// The tablet's cable with a probe on it: a pty the daemon opens as its tablet, relayed byte for byte to
/// and from the virtual tablet's pty by one thread, which stamps each frame from the daemon as it reads
/// the frame's last byte. That is the moment the issue times, "the result frame read on the tablet pty";
/// the virtual tablet then still decodes and acknowledges it and hands it across two tasks of this
/// process before it counts as shown.
final class TabletTap: @unchecked Sendable {
    /// The pty to give the daemon as its tablet.
    let devicePath: String
    /// Frames from the daemon, stamped when their last byte was read.
    let frames = ScreenLog()
    private let daemonSide: Int32
    /// Held open so the daemon's end survives the daemon closing and reopening it.
    private let daemonEnd: Int32
    private let tabletSide: Int32
    private let lock = NSLock()
    private var acknowledgements = 0
    private var stopped = false

    /// Opens a pty for the daemon and joins it to the virtual tablet's pty at `tabletPath`.
    init(tabletPath: String) throws(CounterBenchError) {
        var controller: Int32 = -1, device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else { throw .errno("openpty") }
        var name = [CChar](repeating: 0, count: 128)
        let tablet = open(tabletPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard ttyname_r(device, &name, name.count) == 0, tablet >= 0 else {
            let error = CounterBenchError.errno("naming the tap's pty or opening \(tabletPath)")
            for descriptor in [controller, device, tablet] where descriptor >= 0 { close(descriptor) }
            throw error
        }
        // Raw from the start, as PseudoTerminal does: no echo, no CR to LF, before the daemon sets it.
        var attributes = termios()
        tcgetattr(device, &attributes)
        cfmakeraw(&attributes)
        tcsetattr(device, TCSANOW, &attributes)
        devicePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        daemonSide = controller
        daemonEnd = device
        tabletSide = tablet
        Thread.detachNewThread { [self] in relay() }
    }

    /// ACK bytes the virtual tablet has sent the daemon so far.
    var acknowledged: Int { lock.withLock { acknowledgements } }

    /// Waits until the virtual tablet's acknowledgements passed to the daemon exceed `mark`.
    func waitForAcknowledgement(after mark: Int, timeout: Double = 20, abandon: () -> String? = { nil }) async throws {
        let deadline = now() + timeout
        while acknowledged <= mark {
            if let reason = abandon() { throw CounterBenchError("the tablet acknowledged nothing: \(reason)") }
            guard now() < deadline else { throw CounterBenchError("the tablet acknowledged nothing within \(Int(timeout)) s") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Ends the relay within 100 ms; it closes its descriptors.
    func stop() { lock.withLock { stopped = true } }

    private func relay() {
        var decoder = FrameDecoder()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        var sides = [pollfd(fd: daemonSide, events: Int16(POLLIN), revents: 0), pollfd(fd: tabletSide, events: Int16(POLLIN), revents: 0)]
        relaying: while !lock.withLock({ stopped }) {
            guard poll(&sides, 2, 100) > 0 else { continue }
            if sides[0].revents != 0 {
                let count = read(daemonSide, &buffer, buffer.count)
                let at = now()
                // EIO while the daemon has its end closed (between its start-ups); wait for it again.
                guard count > 0 else { usleep(10_000); continue }
                for case .frame(let payload) in decoder.feed(buffer[..<count]) {
                    if let message = try? AgentMessage(wire: payload) { frames.record(message, at: at) }
                }
                guard Self.writeAll(tabletSide, buffer[..<count]) else { break relaying }
            }
            if sides[1].revents != 0 {
                let count = read(tabletSide, &buffer, buffer.count)
                guard count > 0 else { break relaying }
                let acks = buffer[..<count].count(where: { $0 == FrameFormat.ack })
                if acks > 0 { lock.withLock { acknowledgements += acks } }
                guard Self.writeAll(daemonSide, buffer[..<count]) else { break relaying }
            }
        }
        for descriptor in [daemonSide, daemonEnd, tabletSide] { close(descriptor) }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
