import Hummingbird

/// How long a request may wait on PostgreSQL (`[database] timeout_seconds`). The pool keeps a request
/// waiting while it finds no database; past the deadline the request is answered 503 with Retry-After,
/// so an agent learns the server is unavailable and sends its batch again later.
struct DatabaseDeadline: Sendable {
    let seconds: Int

    func run<T: Sendable>(_ work: @Sendable @escaping () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw HTTPError(
                    .serviceUnavailable, headers: [.retryAfter: String(seconds)],
                    message: "the central database did not answer within \(seconds) s; send the batch again later")
            }
            return result
        }
    }
}
