#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension DeviceDescriptor {
    /// The bytes the device sends, in the chunks read() returns; `threadName` names the reader.
    ///
    /// A dedicated thread blocks in poll() so the cooperative pool never waits on a device. The
    /// stream finishes when it is closed or the consumer stops iterating (either closes it),
    /// and throws `.disconnected` when the device goes away (EIO, ENODEV, hang-up). Only one reader
    /// per descriptor: a second call gets a stream that throws `.closed`.
    func bytes(threadName: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let handles: (fd: Int32, wake: WakePipe)?
        do {
            handles = try beginReading()
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        guard let handles else {
            continuation.finish(throwing: DeviceIOError(.closed, "\(path) is closed or already has a reader"))
            return stream
        }
        continuation.onTermination = { [weak self] _ in self?.close() }
        let thread = Thread { [self] in
            let outcome = self.readLoop(fd: handles.fd, wake: handles.wake, continuation: continuation)
            self.endReading()
            continuation.finish(throwing: outcome.map { $0 as any Error })
        }
        thread.name = threadName
        thread.start()
        return stream
    }

    /// Runs until the wake pipe fires (nil: a clean close) or the device fails (the error).
    private func readLoop(
        fd: Int32, wake: WakePipe, continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) -> DeviceIOError? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            if case .failure(let errno) = syscalls.pollFiles(&fds, timeoutMilliseconds: -1) {
                return DeviceIOError(.ioFailed, "waiting for data on \(path) failed", errno: errno)
            }
            if fds[1].revents != 0 { return nil }
            if fds[0].revents & Int16(POLLNVAL) != 0 {
                return DeviceIOError(.ioFailed, "\(path) has no valid descriptor", errno: .badFileDescriptor)
            }
            if fds[0].revents == 0 { continue }
            // Drain what is there; POLLHUP/POLLERR surface as EIO or end of file from read().
            while true {
                let result = buffer.withUnsafeMutableBytes { syscalls.readBytes(fd, into: $0) }
                switch result {
                case .success(0):
                    return DeviceIOError(.disconnected, "\(path) hung up; the device was unplugged or its other end closed")
                case .success(let count):
                    continuation.yield(Array(buffer[..<count]))
                    continue
                case .failure(.wouldBlock):
                    break
                case .failure(let errno) where Self.meansRemoval(errno):
                    return DeviceIOError(.disconnected, "\(path) went away during a read; it was probably unplugged", errno: errno)
                case .failure(let errno):
                    return DeviceIOError(.ioFailed, "reading \(path) failed", errno: errno)
                }
                break
            }
        }
    }
}
