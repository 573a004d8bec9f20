import Foundation

/// Runs blocking work (a child process, a socket read, a wait) on a Dispatch thread, never on Swift's
/// cooperative pool: that pool has one thread per core, and the virtual tablet needs it to answer.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// Why a counter benchmark could not measure, said so the person running it knows what to do.
struct CounterBenchError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }

    /// The current `errno`, for a failed C call named `call`.
    static func errno(_ call: String) -> CounterBenchError {
        CounterBenchError("\(call): \(String(cString: strerror(Glibc.errno)))")
    }
}
