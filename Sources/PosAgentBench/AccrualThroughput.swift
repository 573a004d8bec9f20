import Foundation
import Loyalty

/// The agent's accruals, one per call as a POS sends them, each a durable commit.
enum AccrualThroughput {
    static func run(path: String, accruals: Int) async throws -> Latencies {
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full))
        var latencies = Latencies()
        let start = now()
        for index in 0..<accruals {
            let phone = try PhoneNumber(parsing: "010\(10_000_000 + index % 500)")
            let begin = now()
            _ = try await ledger.accrue(
                Accrual(member: .phone(phone), payment: Int64(10_000 + index)), key: try IdempotencyKey("bench-\(index)"))
            latencies.samples.append(now() - begin)
        }
        latencies.elapsed = now() - start
        return latencies
    }
}
