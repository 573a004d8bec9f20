import DeviceIO
import Foundation

/// Tablet messages, each stamped with the monotonic time it reached the tablet: fed by the virtual
/// tablet's stream (decoded, acknowledged, shown) or by the `TabletTap` (its last byte read off the pty).
/// Stamping where the message arrives, not in the waiter, keeps the waiter's polling out of the figures.
final class ScreenLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(at: Double, message: AgentMessage)] = []
    private var pump: Task<Void, Never>?

    init() {}

    /// Records every screen `screens` delivers, at the moment it is delivered.
    convenience init(_ screens: AsyncStream<AgentMessage>) {
        self.init()
        pump = Task { [weak self] in
            for await message in screens {
                let at = now()
                guard let self else { return }
                self.record(message, at: at)
            }
        }
    }

    deinit { pump?.cancel() }

    func record(_ message: AgentMessage, at time: Double) {
        lock.withLock { entries.append((time, message)) }
    }

    /// How many messages arrived so far; pass it to `wait(after:)` to wait for a later one.
    var count: Int { lock.withLock { entries.count } }

    /// The first message at or after position `mark` that `matches`, with its time.
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
