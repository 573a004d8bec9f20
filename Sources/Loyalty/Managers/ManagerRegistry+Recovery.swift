import Foundation
import GRDB

extension ManagerRegistry {
    /// The way back when the master's PIN is lost: a new PIN for the master, or the master role handed to
    /// `newMaster` with a new PIN for them, without the master's PIN. It ends any lock of the manager who is
    /// master afterwards, and is audited as `master_recovered`.
    ///
    /// Nobody is authenticated here: only root may ask for this (who can read the ledger file anyway), and
    /// checking that is the caller's, as for `registerFirst`.
    ///
    /// - Returns: the manager who is master afterwards.
    public func recoverMaster(pin: ManagerPIN, to newMaster: ManagerID? = nil, caller: String) async throws -> Manager {
        let hashed = try await hash(pin)
        return try await write { db, now in
            guard let master = try ManagerStore.masterID(db) else {
                throw ManagerError(.noManagers, "no manager is registered, so there is no master to recover; register the first with posagent manager add")
            }
            let target = newMaster ?? master
            let lockedUntil = try Self.require(db, target).manager.lockedUntil.flatMap { $0 > now ? $0 : nil }
            if target != master {
                try db.run("UPDATE manager_master SET manager_id = ? WHERE id = 1", [target.rawValue])
            }
            try ManagerStore.setPIN(db, target, hashed, at: now)
            var detail = target == master
                ? "new PIN for \(master), the master, without the master's PIN"
                : "master role from \(master) to \(target), with a new PIN for \(target), without the master's PIN"
            if lockedUntil != nil { detail += "; \(target)'s lock ended" }
            try AuditStore.append(db, AuditNote(.masterRecovered, manager: nil, caller: caller, subject: target.rawValue, detail: detail), at: now)
            return try Self.require(db, target).manager
        }
    }
}
