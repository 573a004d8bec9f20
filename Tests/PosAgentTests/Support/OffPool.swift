import Foundation

/// Runs blocking work (a child process, curl, a sleep) on a Dispatch thread, never on Swift's
/// cooperative pool: that pool has one thread per core, and the suites that run beside this one need it.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// Polls `condition` every `interval` until it holds, sleeping without holding a thread.
func waitUntil(_ what: String, timeout: TimeInterval = 15, every interval: Duration = .milliseconds(50),
               _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: interval)
    }
    throw DaemonHarnessError(description: "timed out waiting until \(what)")
}
