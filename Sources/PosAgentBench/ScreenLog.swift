import DeviceIO
import Foundation

/// Everything the virtual tablet was told to show, each stamped with the monotonic time the tablet side
/// read it. Stamping in the one task that drains `VirtualTablet.screens` keeps the waiter's polling
/// out of the measured latency.
final class ScreenLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(at: Double, message: AgentMessage)] = []
    private var pump: Task<Void, Never>?

    init(_ screens: AsyncStream<AgentMessage>) {
        pump = Task { [weak self] in
            for await message in screens {
                let at = now()
                guard let self else { return }
                self.lock.withLock { self.entries.append((at, message)) }
            }
        }
    }

    deinit { pump?.cancel() }

    /// How many screens were shown so far; pass it to `wait(after:)` to wait for a later one.
    var count: Int { lock.withLock { entries.count } }

    /// The first screen at or after position `mark` that `matches`, with its time.
    /// Gives up early with `abandon`'s reason once it has one (the POS already got an error).
    func wait(after mark: Int, for what: String, timeout: Double = 20, abandon: () -> String? = { nil },
              matching matches: (AgentMessage) -> Bool) async throws -> (at: Double, message: AgentMessage) {
        let deadline = now() + timeout
        var next = mark
        while now() < deadline {
            let fresh = lock.withLock { entries.count > next ? Array(entries[next...]) : [] }
            if let found = fresh.first(where: { matches($0.message) }) { return found }
            next += fresh.count
            if let reason = abandon() { throw CounterBenchError("no \(what) on the tablet: \(reason)") }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw CounterBenchError("the tablet showed no \(what) within \(Int(timeout)) s")
    }
}
