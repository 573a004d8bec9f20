import Foundation
import GRDB

extension ManagerRegistry {
    /// Wrong PINs in a row that lock a manager.
    public static let maxFailedAttempts = 5
    /// How long the lock lasts.
    public static let lockDuration: TimeInterval = 5 * 60

    /// Checks a manager's PIN. Five wrong PINs in a row lock that manager for five minutes; the count and
    /// the lock are in the ledger, so a restart changes neither. Every refusal is in the audit log.
    public func authenticate(_ id: ManagerID, pin: ManagerPIN, caller: String) async throws -> AuthenticatedManager {
        let now = clock.now()
        let (found, registered) = try await storageErrors {
            try await database.pool.read { db in (try ManagerStore.find(db, id), try ManagerStore.count(db) > 0) }
        }
        guard registered else {
            throw ManagerError(
                .noManagers,
                "no manager is registered yet, so a manager id and PIN cannot be checked; root or a member of the managers' group registers the first with posagent manager add")
        }
        let verdict: Verdict
        if let found, Self.lock(of: found.manager, at: now) == nil {
            // The slow part, outside the write transaction so other operations keep committing meanwhile.
            let matches = try await offCooperativePool { try found.pin.matches(pin) }
            var upgrade: PINHash?
            if matches, found.pin.iterations < hashing.iterations { upgrade = try await hash(pin) }
            verdict = .checked(against: found.pin, matches: matches, upgrade: upgrade)
        } else {
            verdict = .notChecked
        }
        let outcome = try await write { db, now in
            try Self.settle(db, id, verdict: verdict, caller: caller, at: now)
        }
        switch outcome {
        case .success: return AuthenticatedManager(id: id)
        case .failure(let error): throw error
        }
    }

    private enum Verdict: Sendable {
        case checked(against: PINHash, matches: Bool, upgrade: PINHash?)
        case notChecked
    }

    /// Records the outcome in the same transaction that reads the manager again; a refusal is returned, not
    /// thrown, so that its count, lock and audit entry commit.
    private static func settle(
        _ db: Database, _ id: ManagerID, verdict: Verdict, caller: String, at now: Date
    ) throws -> Result<Void, ManagerError> {
        guard let current = try ManagerStore.find(db, id) else {
            try AuditStore.append(db, AuditNote(.unknownManager, manager: id, caller: caller), at: now)
            return .failure(ManagerError(.unknownManager, "there is no manager \(id); check the id (posagent manager list)"))
        }
        if let until = lock(of: current.manager, at: now) {
            try AuditStore.append(db, AuditNote(.refusedWhileLocked, manager: id, caller: caller), at: now)
            return .failure(locked(id, until: until, at: now, detail: "\(id) is locked after \(maxFailedAttempts) wrong PINs in a row"))
        }
        guard case .checked(let checkedHash, let matches, let upgrade) = verdict, checkedHash == current.pin else {
            // The PIN changed, or a lock ended, while it was being checked: the caller tries again.
            return .failure(ManagerError(.wrongPIN, "\(id)'s PIN or lock changed while it was being checked; enter it again",
                                         remainingAttempts: maxFailedAttempts - current.manager.failedAttempts))
        }
        if matches {
            if current.manager.failedAttempts > 0 { try ManagerStore.setFailures(db, id, count: 0, lockedUntil: nil) }
            if let upgrade { try ManagerStore.rehash(db, id, upgrade) }
            return .success(())
        }
        let failures = current.manager.failedAttempts + 1
        guard failures < maxFailedAttempts else {
            let until = now.addingTimeInterval(lockDuration)
            try ManagerStore.setFailures(db, id, count: 0, lockedUntil: until)
            try AuditStore.append(db, AuditNote(.managerLocked, manager: id, caller: caller,
                                                detail: "\(maxFailedAttempts) wrong PINs in a row"), at: now)
            return .failure(locked(id, until: until, at: now, detail: "wrong PIN; that was the \(maxFailedAttempts)th in a row, so \(id) is locked"))
        }
        try ManagerStore.setFailures(db, id, count: failures, lockedUntil: nil)
        try AuditStore.append(db, AuditNote(.wrongPIN, manager: id, caller: caller,
                                            detail: "\(failures) of \(maxFailedAttempts) in a row"), at: now)
        let remaining = maxFailedAttempts - failures
        return .failure(ManagerError(
            .wrongPIN, "wrong PIN for \(id); \(remaining) more wrong \(remaining == 1 ? "PIN locks" : "PINs lock") \(id) for \(Int(lockDuration / 60)) minutes",
            remainingAttempts: remaining))
    }

    /// When the manager's lock ends, if it is still running at `now`.
    private static func lock(of manager: Manager, at now: Date) -> Date? {
        guard let until = manager.lockedUntil, until > now else { return nil }
        return until
    }

    private static func locked(_ id: ManagerID, until: Date, at now: Date, detail: String) -> ManagerError {
        let seconds = Int(until.timeIntervalSince(now).rounded(.up))
        let wait = seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
        return ManagerError(
            .managerLocked, "\(detail) for another \(wait); wait, or have the master set a new PIN (posagent manager passwd \(id))",
            lockedUntil: until)
    }
}
