import Foundation

/// Plays systemd's side of the notify protocol: a datagram socket the daemon finds in $NOTIFY_SOCKET,
/// read until READY=1 arrives, so start-up is timed to the moment systemd would consider it started.
final class ReadyListener: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(CounterBenchError) {
        let address = try UnixSocketAddress(path: path)
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .errno("socket") }
        guard address.withSocketAddress({ bind(descriptor, $0, $1) }) == 0 else {
            let error = CounterBenchError.errno("bind \(path)")
            close(descriptor)
            throw error
        }
        self.path = path
        self.descriptor = descriptor
        // Wakes the read below every 100 ms to check the deadline.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Blocks until a datagram with a READY=1 line arrives and returns the monotonic time it was read.
    func waitForReady(timeout: Double, stillRunning: () -> Bool) throws(CounterBenchError) -> Double {
        let deadline = now() + timeout
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while now() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                let received = now()
                let lines = String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n")
                if lines.contains("READY=1") { return received }
            } else if count < 0, errno != EAGAIN, errno != EINTR {
                throw .errno("recv on \(path)")
            } else if !stillRunning() {
                throw CounterBenchError("the daemon exited before READY=1")
            }
        }
        throw CounterBenchError("no READY=1 within \(Int(timeout)) s")
    }
}
