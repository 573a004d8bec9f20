import Foundation
import GRDB
@testable import Loyalty

extension LedgerFixture {
    /// The registry on this ledger and its manual clock, hashing at the lowest allowed count to keep tests quick.
    var managers: ManagerRegistry {
        ManagerRegistry(database: ledger.database, clock: clock, hashing: try! PINHashing(iterations: PINHashing.minimumIterations))
    }

    /// Registers `kim` (master) and `lee`, with PINs `kim-pin-1` and `lee-pin-1`.
    @discardableResult
    func registerKimAndLee() async throws -> AuthenticatedManager {
        _ = try await managers.registerFirst(try newManager("kim"), caller: "root (uid 0)")
        let kim = try await managers.authenticate(try ManagerID(parsing: "kim"), pin: try ManagerPIN("kim-pin-1"), caller: "test")
        _ = try await managers.add(try newManager("lee"), by: kim, caller: "root (uid 0)")
        return kim
    }

    func newManager(_ id: String) throws -> NewManager {
        NewManager(id: try ManagerID(parsing: id), email: try EmailAddress(parsing: "\(id)@example.com"), pin: try ManagerPIN("\(id)-pin-1"))
    }

    func login(_ id: String, _ pin: String) async throws -> AuthenticatedManager {
        try await managers.authenticate(try ManagerID(parsing: id), pin: try ManagerPIN(pin), caller: "alice (uid 1000)")
    }

    func auditActions() async throws -> [String] {
        try await ledger.database.pool.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_event ORDER BY id") }
    }
}

/// Runs `body` and returns the manager error it throws, or nil if it did not throw one.
func managerError(_ body: () async throws -> some Any) async -> ManagerError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ManagerError {
        return error
    } catch {
        return ManagerError(.init(rawValue: "unexpected"), "unexpected error \(error)")
    }
}
