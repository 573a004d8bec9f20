import Hummingbird
import PostgresNIO

/// Whether the pool gives a connection within `[database] connect_timeout_seconds`, asked before a
/// request's database work. While PostgreSQL is unreachable the pool keeps a request waiting for a
/// connection; past the wait the request is answered 503 with Retry-After, so an agent learns the server
/// is unavailable and sends its batch again later. The work itself has no deadline: a batch may wait on
/// the store's row lock while another `serve` stores the same batch.
struct DatabaseAvailability: Sendable {
    let client: PostgresClient
    let seconds: Int

    func check() async throws {
        let client = client
        let leased = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await client.withConnection { _ in }
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard leased else {
            throw HTTPError(
                .serviceUnavailable, headers: [.retryAfter: String(seconds)],
                message: "the central database gave no connection within \(seconds) s; send the batch again later")
        }
    }
}
