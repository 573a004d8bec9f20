import Foundation
import Loyalty

/// The JSON shape of a manager, shared by the CLI's `--json` and the socket API: never the PIN or its hash.
struct ManagerView: Codable, Hashable, Sendable {
    var id: String
    var email: String
    var master: Bool
    var createdAt: String
    var pinChangedAt: String
    var failedAttempts: Int
    /// While the manager is locked out.
    var lockedUntil: String?

    init(_ manager: Manager, timeZone: TimeZone) {
        id = manager.id.rawValue
        email = manager.email.rawValue
        master = manager.isMaster
        createdAt = Timestamp.rfc3339(manager.createdAt, in: timeZone)
        pinChangedAt = Timestamp.rfc3339(manager.pinChangedAt, in: timeZone)
        failedAttempts = manager.failedAttempts
        lockedUntil = manager.lockedUntil.map { Timestamp.rfc3339($0, in: timeZone) }
    }
}

/// The JSON shape of an audit entry.
struct AuditEntryView: Codable, Hashable, Sendable {
    var id: Int64
    var occurredAt: String
    var action: String
    var manager: String?
    var caller: String
    var subject: String?
    var transactionID: Int64?
    var detail: String?

    init(_ entry: AuditEntry, timeZone: TimeZone) {
        id = entry.id
        occurredAt = Timestamp.rfc3339(entry.occurredAt, in: timeZone)
        action = entry.action.rawValue
        manager = entry.manager
        caller = entry.caller
        subject = entry.subject
        transactionID = entry.transactionID
        detail = entry.detail
    }
}
