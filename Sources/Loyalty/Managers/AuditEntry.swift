import Foundation
import GRDB

/// What an audit entry records. An open set of stable names, so later acts (OTP approvals, vouchers) add
/// their own without breaking readers.
public struct AuditAction: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let managerAdded = AuditAction(rawValue: "manager_added")
    public static let managerRemoved = AuditAction(rawValue: "manager_removed")
    public static let pinChanged = AuditAction(rawValue: "pin_changed")
    public static let masterTransferred = AuditAction(rawValue: "master_transferred")
    /// A wrong PIN for a registered manager.
    public static let wrongPIN = AuditAction(rawValue: "wrong_pin")
    /// The wrong PIN that locked the manager.
    public static let managerLocked = AuditAction(rawValue: "manager_locked")
    /// A PIN tried while the manager was locked (not checked).
    public static let refusedWhileLocked = AuditAction(rawValue: "refused_while_locked")
    /// A PIN given with an id that is not registered.
    public static let unknownManager = AuditAction(rawValue: "unknown_manager")
    public static let conversion = AuditAction(rawValue: "conversion")
    public static let cancellation = AuditAction(rawValue: "cancellation")
    public static let voucherIssued = AuditAction(rawValue: "voucher_issued")
    /// Whole phone numbers shown.
    public static let unmaskedPhones = AuditAction(rawValue: "unmasked_phones")
    public static let csvExport = AuditAction(rawValue: "csv_export")

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One row of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var occurredAt: Date
    public var action: AuditAction
    /// The manager who acted (by id and PIN), or whose id was given with a PIN; nil for a manager by
    /// peer credentials alone (root, the managers' group).
    public var manager: String?
    /// Who was at the socket, by peer credentials, e.g. `alice (uid 1000)`.
    public var caller: String
    /// What it was about: the manager added or removed, the history asked for.
    public var subject: String?
    public var transactionID: Int64?
    public var detail: String?
}

/// What the caller of an audited act says about it; the ledger adds the time, and the transaction where
/// the act committed one.
public struct AuditNote: Sendable, Hashable {
    public var action: AuditAction
    public var manager: ManagerID?
    public var caller: String
    public var subject: String?
    public var detail: String?

    public init(_ action: AuditAction, manager: ManagerID?, caller: String, subject: String? = nil, detail: String? = nil) {
        self.action = action
        self.manager = manager
        self.caller = caller
        self.subject = subject
        self.detail = detail
    }
}

extension AuditEntry: FetchableRecord {
    static let columns = "id, occurred_at, action, manager_id, caller, subject, transaction_id, detail"

    public init(row: Row) throws {
        self.init(
            id: row[0], occurredAt: Date(ledgerMilliseconds: row[1]), action: AuditAction(rawValue: row[2]),
            manager: row[3], caller: row[4], subject: row[5], transactionID: row[6], detail: row[7])
    }
}
