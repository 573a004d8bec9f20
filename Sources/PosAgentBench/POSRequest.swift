import Foundation

/// One request the POS has in flight while the customer answers at the tablet: sent on a Dispatch thread
/// (it blocks until the daemon answers), its answer and the time it arrived kept for the waiting task.
final class POSRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<(reply: UnixSocketHTTP.Reply, at: Double), CounterBenchError>?

    init(_ client: UnixSocketHTTP, accrual json: String, idempotencyKey: String) {
        DispatchQueue.global().async {
            let result = Result { () throws(CounterBenchError) in
                let reply = try client.post("/v1/accruals", json: json, idempotencyKey: idempotencyKey)
                return (reply: reply, at: now())
            }
            self.lock.withLock { self.outcome = result }
        }
    }

    /// Why the request ended without a success, once it has: the daemon's problem or the socket error.
    var failure: String? {
        switch lock.withLock({ outcome }) {
        case nil: nil
        case .success(let answer): answer.reply.status == 200 ? nil : "HTTP \(answer.reply.status) \(answer.reply.body)"
        case .failure(let error): error.description
        }
    }

    /// Waits (without holding a thread) for the answer; returns the time it arrived.
    func answered(timeout: Double = 90) async throws -> Double {
        let deadline = now() + timeout
        while now() < deadline {
            switch lock.withLock({ outcome }) {
            case nil: try await Task.sleep(for: .milliseconds(1))
            case .success(let answer) where answer.reply.status == 200: return answer.at
            case .success(let answer): throw CounterBenchError("HTTP \(answer.reply.status) \(answer.reply.body)")
            case .failure(let error): throw error
            }
        }
        throw CounterBenchError("the daemon did not answer the accrual within \(Int(timeout)) s")
    }
}
