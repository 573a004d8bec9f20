import Foundation
import GRDB

/// The store's managers: exactly one master, who alone adds and removes managers and hands the master
/// role over; PINs kept as salted PBKDF2; every change recorded in the audit log in the same commit.
///
/// `caller` is who is at the socket (peer credentials), recorded beside the manager who acted.
public struct ManagerRegistry: Sendable {
    let database: LedgerDatabase
    let clock: any LedgerClock
    public let hashing: PINHashing

    public init(database: LedgerDatabase, clock: any LedgerClock = SystemClock(), hashing: PINHashing = .standard) {
        self.database = database
        self.clock = clock
        self.hashing = hashing
    }

    /// Every manager, by id, with the master marked and any lock still running.
    public func managers() async throws -> [Manager] {
        let now = clock.now()
        return try await storageErrors {
            try await database.pool.read { db in
                try ManagerStore.all(db).map { record in
                    var manager = record.manager
                    if let until = manager.lockedUntil, until <= now { manager.lockedUntil = nil }
                    return manager
                }
            }
        }
    }

    public func hasManagers() async throws -> Bool {
        try await storageErrors { try await database.pool.read { db in try ManagerStore.count(db) > 0 } }
    }

    /// Registers the first manager, who becomes master. Whoever may do this (root, the managers' group)
    /// is the caller's to decide; once any manager exists, only the master adds others.
    public func registerFirst(_ new: NewManager, caller: String) async throws -> Manager {
        let pin = try await hash(new.pin)
        return try await write { db, now in
            guard try ManagerStore.count(db) == 0 else {
                throw ManagerError(
                    .masterRequired,
                    "a master manager is registered already, and only the master adds managers; give the master's id and PIN")
            }
            try db.run("INSERT INTO manager_master (id, manager_id) VALUES (1, ?)", [new.id.rawValue])
            try ManagerStore.insert(db, new, pin: pin, at: now)
            try AuditStore.append(db, AuditNote(.managerAdded, manager: nil, caller: caller, subject: new.id.rawValue,
                                                detail: "first manager, made master"), at: now)
            return try Self.require(db, new.id).manager
        }
    }

    /// The master adds a manager.
    public func add(_ new: NewManager, by master: AuthenticatedManager, caller: String) async throws -> Manager {
        let pin = try await hash(new.pin)
        return try await write { db, now in
            try Self.requireMaster(db, master, to: "add managers")
            guard try ManagerStore.find(db, new.id) == nil else {
                throw ManagerError(.managerExists, "\(new.id) is a manager already; choose another id, or change their PIN with passwd")
            }
            try ManagerStore.insert(db, new, pin: pin, at: now)
            try AuditStore.append(db, AuditNote(.managerAdded, manager: master.id, caller: caller, subject: new.id.rawValue), at: now)
            return try Self.require(db, new.id).manager
        }
    }

    /// The master removes a manager other than themself.
    public func remove(_ id: ManagerID, by master: AuthenticatedManager, caller: String) async throws {
        try await write { db, now in
            try Self.requireMaster(db, master, to: "remove managers")
            _ = try Self.require(db, id)
            guard try ManagerStore.masterID(db) != id else {
                throw ManagerError(.masterNotRemovable, "\(id) is the master and cannot be removed; hand the master role to another manager first (transfer-master)")
            }
            try db.run("DELETE FROM manager WHERE id = ?", [id.rawValue])
            try AuditStore.append(db, AuditNote(.managerRemoved, manager: master.id, caller: caller, subject: id.rawValue), at: now)
        }
    }

    /// A manager's new PIN, set by that manager or by the master. It also ends any lock.
    public func changePIN(of id: ManagerID, to pin: ManagerPIN, by manager: AuthenticatedManager, caller: String) async throws {
        let hashed = try await hash(pin)
        try await write { db, now in
            if manager.id != id { try Self.requireMaster(db, manager, to: "set another manager's PIN") }
            _ = try Self.require(db, id)
            try ManagerStore.setPIN(db, id, hashed, at: now)
            try AuditStore.append(db, AuditNote(.pinChanged, manager: manager.id, caller: caller, subject: id.rawValue,
                                                detail: manager.id == id ? "own PIN" : "set by the master"), at: now)
        }
    }

    /// The master hands the master role to another manager, and stays a manager.
    public func transferMaster(to id: ManagerID, by master: AuthenticatedManager, caller: String) async throws {
        try await write { db, now in
            try Self.requireMaster(db, master, to: "hand the master role over")
            _ = try Self.require(db, id)
            guard id != master.id else { throw ManagerError(.alreadyMaster, "\(id) is the master already") }
            try db.run("UPDATE manager_master SET manager_id = ? WHERE id = 1", [id.rawValue])
            try AuditStore.append(db, AuditNote(.masterTransferred, manager: master.id, caller: caller, subject: id.rawValue,
                                                detail: "from \(master.id) to \(id)"), at: now)
        }
    }

    // MARK: Shared steps

    func hash(_ pin: ManagerPIN) async throws -> PINHash {
        let iterations = hashing.iterations
        return try await offCooperativePool { try PINHash(of: pin, iterations: iterations) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database, Date) throws -> T) async throws -> T {
        try await database.write(at: clock, body)
    }

    static func require(_ db: Database, _ id: ManagerID) throws -> ManagerStore.Record {
        guard let record = try ManagerStore.find(db, id) else {
            throw ManagerError(.managerNotFound, "there is no manager \(id); see posagent manager list")
        }
        return record
    }

    /// Checked in the same transaction as the act, so a handover in between cannot be overtaken.
    static func requireMaster(_ db: Database, _ manager: AuthenticatedManager, to act: String) throws {
        guard try ManagerStore.masterID(db) == manager.id else {
            throw ManagerError(.masterRequired, "only the master manager may \(act), and \(manager.id) is not the master; give the master's id and PIN")
        }
    }
}

extension Ledger {
    /// The ledger's manager registry, on the ledger's clock.
    public var managers: ManagerRegistry { ManagerRegistry(database: database, clock: clock) }
}
