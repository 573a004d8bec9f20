import NIOConcurrencyHelpers

/// Tells the cashier screens' live feeds that something at the counter changed (a device came or went, a
/// prompt began or ended), so they send the new state at once instead of on their next tick.
final class DeskChanges: Sendable {
    private struct State {
        var nextID = 0
        var followers: [Int: AsyncStream<Void>.Continuation] = [:]
        var closed = false
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    /// A stream that yields once at once and then after each change (coalesced: a slow follower sees
    /// one pending change, never a backlog); it ends when `close()` is called.
    func follow() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id: Int? = state.withLockedValue { state in
            guard !state.closed else { return nil }
            state.nextID += 1
            state.followers[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLockedValue { _ = $0.followers.removeValue(forKey: id) }
        }
        continuation.yield()
        return stream
    }

    func changed() {
        for follower in state.withLockedValue({ Array($0.followers.values) }) { follower.yield() }
    }

    /// Ends every stream, now and for later followers: the daemon is shutting down.
    func close() {
        let followers = state.withLockedValue { state in
            state.closed = true
            defer { state.followers = [:] }
            return Array(state.followers.values)
        }
        for follower in followers { follower.finish() }
    }
}
