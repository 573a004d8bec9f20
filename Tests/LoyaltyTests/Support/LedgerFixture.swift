import Foundation
import GRDB
@testable import Loyalty

/// A ledger on a fresh SQLite file in its own temporary directory, removed when the fixture goes away.
final class LedgerFixture: @unchecked Sendable {
    let directory: URL
    let clock: ManualClock
    private(set) var ledger: Ledger
    private var keyCounter = 0

    /// 2026-03-02 10:00 in Seoul.
    static let start = Date(timeIntervalSince1970: 1_772_413_200)
    static let seoul = TimeZone(identifier: "Asia/Seoul")!

    var path: String { directory.appendingPathComponent("ledger.sqlite").path }

    init(policy: StorePolicy = StorePolicy(), barcodeFormat: BarcodeFormat = .standard,
         durability: Durability = .full) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("posagent-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clock = ManualClock(Self.start)
        let database = try LedgerDatabase(path: directory.appendingPathComponent("ledger.sqlite").path, durability: durability)
        ledger = try Ledger(database: database, policy: policy, barcodeFormat: barcodeFormat, timeZone: Self.seoul, clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Closes the database and opens the file again, as after a restart.
    func reopen() throws {
        let policy = ledger.policy, format = ledger.barcodeFormat, durability = ledger.database.durability
        ledger = try Ledger(database: try LedgerDatabase(path: path, durability: durability), policy: policy,
                            barcodeFormat: format, timeZone: Self.seoul, clock: clock)
    }

    func newKey() -> IdempotencyKey {
        keyCounter += 1
        return try! IdempotencyKey("test-key-\(keyCounter)")
    }

    func phone(_ text: String = "010-1234-5678") -> MemberKey {
        .phone(try! PhoneNumber(parsing: text))
    }

    @discardableResult
    func accrue(_ payment: Won, phone text: String = "010-1234-5678") async throws -> OperationResult {
        try await ledger.accrue(Accrual(member: phone(text), payment: payment), key: newKey())
    }

    @discardableResult
    func usePoints(_ points: Points, payment: Won = 1_000_000, phone text: String = "010-1234-5678") async throws -> OperationResult {
        try await ledger.usePoints(PointUse(member: phone(text), payment: payment, points: points), key: newKey())
    }

    @discardableResult
    func cancel(_ id: Int64) async throws -> OperationResult {
        try await ledger.cancel(Cancellation(transactionID: id, reason: "customer asked", actor: "manager-1"), key: newKey())
    }

    /// Counts rows of a table, to prove that a refusal wrote nothing.
    func count(_ table: String) async throws -> Int {
        try await ledger.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    func rowCounts() async throws -> [Int] {
        var counts: [Int] = []
        for table in ["member", "ledger_transaction", "lot", "lot_take", "outbox", "idempotency_key"] {
            counts.append(try await count(table))
        }
        return counts
    }
}

/// Runs `body` and returns the ledger error it throws, or nil if it did not throw one.
func ledgerError(_ body: () async throws -> some Any) async -> LedgerError? {
    do {
        _ = try await body()
        return nil
    } catch let error as LedgerError {
        return error
    } catch {
        return LedgerError(.storage, "unexpected error \(error)")
    }
}
