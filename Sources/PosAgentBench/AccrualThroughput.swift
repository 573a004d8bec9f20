import Foundation
import Loyalty

/// The agent's accruals, one per call as a POS sends them, each a durable commit.
final class AccrualThroughput {
    private let ledger: Ledger
    private var next = 0

    init(path: String) throws {
        ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full))
    }

    func run(accruals: Int, into latencies: inout Latencies) async throws {
        let start = now()
        for _ in 0..<accruals {
            let phone = try PhoneNumber(parsing: "010\(10_000_000 + next % 500)")
            let key = try IdempotencyKey("bench-\(next)")
            let begin = now()
            _ = try await ledger.accrue(Accrual(member: .phone(phone), payment: Int64(10_000 + next)), key: key)
            latencies.samples.append(now() - begin)
            next += 1
        }
        latencies.elapsed += now() - start
    }
}
