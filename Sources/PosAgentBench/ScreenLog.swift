import DeviceIO
import Foundation

/// Tablet messages, each stamped with the monotonic time it reached the tablet: fed by the virtual
/// tablet's stream (decoded, acknowledged, shown) or by the `TabletTap` (its last byte read off the pty).
/// Stamping where the message arrives, not in the waiter, keeps the waiter's polling out of the figures.
final class ScreenLog: @unchecked Sendable {
    private let arrived = NSCondition()
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
        arrived.withLock {
            entries.append((time, message))
            arrived.broadcast()
        }
    }

    /// How many messages arrived so far; pass it to `wait(after:)` to wait for a later one.
    var count: Int { arrived.withLock { entries.count } }

    /// The messages from position `mark` on, in order.
    func messages(from mark: Int) -> [AgentMessage] {
        arrived.withLock { entries[min(mark, entries.count)...].map(\.message) }
    }

    /// The position of the first message at or after `mark` that `matches`, if one arrived.
    func position(from mark: Int, where matches: (AgentMessage) -> Bool) -> Int? {
        arrived.withLock { entries[min(mark, entries.count)...].firstIndex { matches($0.message) } }
    }

    /// The first message at or after position `mark` that `matches`, with its time. Waits on a Dispatch
    /// thread that sleeps until a message is recorded, so nothing in this process polls while the daemon
    /// is being timed. Gives up early with `abandon`'s reason once it has one (the POS already got an error).
    func wait(after mark: Int, for what: String, timeout: Double = 20, abandon: @escaping @Sendable () -> String? = { nil },
              matching matches: @escaping @Sendable (AgentMessage) -> Bool) async throws -> (at: Double, message: AgentMessage) {
        try await offPool { [self] in
            let deadline = now() + timeout
            return try arrived.withLock { () throws -> (at: Double, message: AgentMessage) in
                var next = mark
                while true {
                    if let found = entries[min(next, entries.count)...].first(where: { matches($0.message) }) { return found }
                    next = entries.count
                    if let reason = abandon() { throw CounterBenchError("no \(what) on the tablet: \(reason)") }
                    guard now() < deadline else { throw CounterBenchError("the tablet showed no \(what) within \(Int(timeout)) s") }
                    // Woken by `record`; the timeout only re-checks `abandon`.
                    _ = arrived.wait(until: Date(timeIntervalSinceNow: 0.05))
                }
            }
        }
    }
}
