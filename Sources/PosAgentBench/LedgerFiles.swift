import Foundation
import Loyalty

/// Ledger files the daemon is started on: made here, closed again before the daemon opens them, so its
/// start-up pays for opening an existing ledger and nothing else.
/// Each is made anew: a ledger left by an earlier run in the same `--directory` is removed, not added to.
enum LedgerFiles {
    /// A migrated ledger with no transactions: the baseline start-up.
    static func createEmpty(at path: String) throws {
        remove(path)
        _ = try Ledger(database: try LedgerDatabase(path: path, durability: .full))
    }

    /// A ledger of `transactions` accruals over a year; returns the seconds the build took.
    static func createLarge(at path: String, transactions: Int) async throws -> Double {
        remove(path)
        let zone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full), timeZone: zone)
        return try await LedgerBuilder.build(ledger, transactions: transactions, from: LedgerBuilder.firstDay(in: zone).start(in: zone))
    }

    /// A ledger of `transactions` accruals over the last week, none of them uploaded: a shop that was
    /// offline for days. Returns the seconds the build took.
    static func createBacklog(at path: String, transactions: Int) async throws -> Double {
        remove(path)
        let zone = TimeZone(identifier: "Asia/Seoul") ?? .gmt
        let ledger = try Ledger(database: try LedgerDatabase(path: path, durability: .full), timeZone: zone)
        let week = 7
        return try await LedgerBuilder.build(
            ledger, transactions: transactions, from: Date().addingTimeInterval(-Double(week * 86_400)), span: week)
    }

    /// A copy of a closed ledger (its WAL too, if one was left), for a run that changes it.
    static func copy(_ path: String, to destination: String) throws {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try? FileManager.default.removeItem(atPath: destination + suffix)
            try FileManager.default.copyItem(atPath: path + suffix, toPath: destination + suffix)
        }
    }

    /// Removes a ledger and its WAL and shared-memory files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The file's size with its WAL, for the printout.
    static func size(of path: String) -> String {
        let bytes = [path, path + "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
        return "\(format(Double(bytes) / 1_048_576, 0)) MiB"
    }
}
