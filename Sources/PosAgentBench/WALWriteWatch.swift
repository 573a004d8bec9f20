import Foundation

/// Stamps the daemon's first write to its ledger's WAL file (inotify IN_MODIFY) after each `arm()`, so a
/// scan's latency can be split without touching the daemon: scan → commit written (decode, prompt answer,
/// SQL), then commit written → result on the tablet (fsync and the result frame). After that first write
/// the reader thread stops reading until the next `arm()`: the rest of the commit (a dozen WAL frames, two
/// writes each) then wakes nothing in this process while the accrual is being timed.
final class WALWriteWatch: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private let armed = DispatchSemaphore(value: 0)
    private var first: Double?
    private var stopped = false

    init(file: String) throws(CounterBenchError) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw .errno("inotify_init1") }
        guard inotify_add_watch(descriptor, file, UInt32(IN_MODIFY)) >= 0 else {
            let error = CounterBenchError.errno("inotify_add_watch \(file)")
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        Thread.detachNewThread { [self] in self.readEvents() }
    }

    /// Drops the events of earlier commits and waits for the next write. Call it while nothing is being
    /// written, before the accrual starts.
    func arm() {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while read(descriptor, &buffer, buffer.count) > 0 {}
        lock.withLock { first = nil }
        armed.signal()
    }

    /// The first write since `arm()`, if it came between `time` and `limit`.
    func firstWrite(after time: Double, before limit: Double) -> Double? {
        lock.withLock { first.flatMap { $0 >= time && $0 <= limit ? $0 : nil } }
    }

    /// Ends the reader thread, which closes the descriptor.
    func stop() {
        lock.withLock { stopped = true }
        armed.signal()
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !lock.withLock({ stopped }) {
            armed.wait()
            while !lock.withLock({ stopped }) {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&request, 1, 100) > 0 else { continue }
                let count = read(descriptor, &buffer, buffer.count)
                let at = now()
                if count > 0 {
                    lock.withLock { first = at }
                    break
                }
            }
        }
        close(descriptor)
    }
}
