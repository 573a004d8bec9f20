import Foundation
import GRDB

extension LedgerDatabase {
    /// One write transaction for the ledger's side records (managers, marketing images): `body` gets the
    /// clock's time, and a storage failure comes out as a `LedgerError`.
    func write<T: Sendable>(at clock: any LedgerClock, _ body: @escaping @Sendable (Database, Date) throws -> T) async throws -> T {
        try await storageErrors { try await pool.write { db in try body(db, clock.now()) } }
    }
}
