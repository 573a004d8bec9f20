import Foundation
import Loyalty

/// Ledger files the daemon is started on: made here, closed again before the daemon opens them, so its
/// start-up pays for opening an existing ledger and nothing else.
enum LedgerFiles {
    /// A migrated ledger with no transactions: the baseline start-up.
    static func createEmpty(at path: String) throws {
        _ = try Ledger(database: try LedgerDatabase(path: path, durability: .full))
    }

    /// A ledger of `transactions` accruals over a year; returns the seconds the build took.
    static func createLarge(at path: String, transactions: Int) async throws -> Double {
        let zone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full), timeZone: zone)
        return try await LedgerBuilder.build(ledger, transactions: transactions, from: LedgerBuilder.firstDay(in: zone).start(in: zone))
    }

    /// The file's size with its WAL, for the printout.
    static func size(of path: String) -> String {
        let bytes = [path, path + "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
        return "\(format(Double(bytes) / 1_048_576, 0)) MiB"
    }
}
