import Foundation

/// Stamps every write the daemon makes to its ledger's WAL file (inotify IN_MODIFY), so a scan's latency
/// can be split without touching the daemon: scan → commit written (decode, prompt answer, SQL), then
/// commit written → result on the tablet (fsync and the result frame).
final class WALWriteWatch: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var writes: [Double] = []
    private var stopped = false

    init(file: String) throws(CounterBenchError) {
        let descriptor = inotify_init1(Int32(O_CLOEXEC))
        guard descriptor >= 0 else { throw .errno("inotify_init1") }
        guard inotify_add_watch(descriptor, file, UInt32(IN_MODIFY)) >= 0 else {
            let error = CounterBenchError.errno("inotify_add_watch \(file)")
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        Thread.detachNewThread { [self] in self.readEvents() }
    }

    /// Ends the reader thread, which closes the descriptor.
    func stop() { lock.withLock { stopped = true } }

    /// The first write at or after `time`, if there was one before `limit`.
    func firstWrite(after time: Double, before limit: Double) -> Double? {
        lock.withLock { writes.first { $0 >= time && $0 <= limit } }
    }

    /// Drops stamps before `time`, so the list stays short over a long run.
    func forget(before time: Double) {
        lock.withLock { writes.removeAll { $0 < time } }
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !lock.withLock({ stopped }) {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 100) > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            let at = now()
            if count > 0 { lock.withLock { writes.append(at) } }
        }
        close(descriptor)
    }
}
