import Foundation
import GRDB

/// Which audit entries to list, newest first, a page at a time.
public struct AuditQuery: Sendable, Hashable {
    public var manager: ManagerID?
    public var limit: Int
    public var cursor: String?

    public init(manager: ManagerID? = nil, limit: Int = 50, cursor: String? = nil) {
        self.manager = manager
        self.limit = limit
        self.cursor = cursor
    }
}

public struct AuditPage: Sendable, Hashable {
    public var entries: [AuditEntry]
    /// Pass back as `cursor` for the next (older) page; `nil` on the last page.
    public var nextCursor: String?
}

/// The append-only record of what managers did and what was tried with their PINs. The schema refuses
/// UPDATE and DELETE on it; this type only appends and reads.
public struct AuditLog: Sendable {
    public static let maxPage = 1_000
    let database: LedgerDatabase
    let clock: any LedgerClock

    public init(database: LedgerDatabase, clock: any LedgerClock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// Records an act that committed nothing else (whole phone numbers shown, a CSV export).
    public func append(_ note: AuditNote) async throws {
        let clock = self.clock
        try await storageErrors {
            try await database.pool.write { db in try AuditStore.append(db, note, at: clock.now()) }
        }
    }

    public func page(_ query: AuditQuery) async throws -> AuditPage {
        guard (1...Self.maxPage).contains(query.limit) else {
            throw LedgerError(.invalidQuery, "an audit page holds 1 to \(Self.maxPage) entries, not \(query.limit)")
        }
        let before = try query.cursor.map { text throws(LedgerError) in
            guard let id = Int64(text), id > 0 else {
                throw LedgerError(.invalidQuery, "'\(text)' is not an audit cursor; pass back the nextCursor of the previous page")
            }
            return id
        }
        return try await storageErrors {
            try await database.pool.read { db in
                var conditions: [String] = []
                var arguments: StatementArguments = []
                if let manager = query.manager {
                    conditions.append("manager_id = ?")
                    arguments += [manager.rawValue]
                }
                if let before {
                    conditions.append("id < ?")
                    arguments += [before]
                }
                let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
                let rows = try AuditEntry.fetchAll(
                    try db.prepared("SELECT \(AuditEntry.columns) FROM audit_event \(filter) ORDER BY id DESC LIMIT ?"),
                    arguments: arguments + [query.limit + 1])
                let entries = Array(rows.prefix(query.limit))
                return AuditPage(entries: entries, nextCursor: rows.count > query.limit ? entries.last.map { String($0.id) } : nil)
            }
        }
    }
}

/// Appends audit rows inside the caller's SQLite transaction, so an act and its record commit together.
enum AuditStore {
    static func append(_ db: Database, _ note: AuditNote, at now: Date, transactionID: Int64? = nil) throws {
        try db.run(
            """
            INSERT INTO audit_event (occurred_at, action, manager_id, caller, subject, transaction_id, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [now.ledgerMilliseconds, note.action.rawValue, note.manager?.rawValue, String(note.caller.prefix(200)),
             note.subject.map { String($0.prefix(500)) }, transactionID, note.detail.map { String($0.prefix(500)) }])
    }
}

extension Ledger {
    /// The audit log of this ledger, on the ledger's clock.
    public var auditLog: AuditLog { AuditLog(database: database, clock: clock) }
}
