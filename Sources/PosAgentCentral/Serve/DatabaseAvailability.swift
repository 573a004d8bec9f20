import Hummingbird
import PostgresNIO

/// Whether the database answers a request's first work, the token lookup, within
/// `[database] connect_timeout_seconds`. While PostgreSQL is unreachable the pool keeps a request waiting
/// for a connection; past the wait the request is answered 503 with Retry-After, so an agent learns the
/// server is unavailable and sends its batch again later. The batch itself has no deadline: it may wait on
/// the store's row lock while another `serve` stores the same batch.
struct DatabaseAvailability: Sendable {
    let seconds: Int

    /// `work`'s result, or 503 once the wait is over first.
    func answer<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let seconds = seconds
        let outcome = try await withThrowingTaskGroup(of: Outcome<Result>.self) { group in
            group.addTask { .answered(try await work()) }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return .waitedOut
            }
            defer { group.cancelAll() }
            return try await group.next() ?? .waitedOut
        }
        guard case .answered(let result) = outcome else {
            throw HTTPError(
                .serviceUnavailable, headers: [.retryAfter: String(seconds)],
                message: "the central database did not answer within \(seconds) s; send the batch again later")
        }
        return result
    }

    private enum Outcome<Result: Sendable>: Sendable {
        case answered(Result)
        case waitedOut
    }
}
