import Foundation
import GRDB

/// Which transactions to list, newest first, a page at a time.
public struct HistoryQuery: Sendable, Hashable {
    public var range: HistoryRange
    public var member: MemberKey?
    /// The last four digits of the members' phone numbers, as a cashier searches for a customer.
    public var phoneEnding: String?
    public var types: Set<TransactionType>
    public var limit: Int
    public var cursor: String?

    public init(range: HistoryRange = .today, member: MemberKey? = nil, phoneEnding: String? = nil,
                types: Set<TransactionType> = [], limit: Int = 50, cursor: String? = nil) {
        self.range = range
        self.member = member
        self.phoneEnding = phoneEnding
        self.types = types
        self.limit = limit
        self.cursor = cursor
    }
}

/// One listed transaction with who it was for.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public var transaction: LedgerTransaction
    public var phone: PhoneNumber?
    public var barcode: String?
}

public struct HistoryPage: Sendable, Hashable {
    public var entries: [HistoryEntry]
    /// Pass back as `cursor` for the next (older) page; `nil` on the last page.
    public var nextCursor: String?
}

extension Ledger {
    public static let maxHistoryPage = 1_000

    public func history(_ query: HistoryQuery) async throws -> HistoryPage {
        guard (1...Self.maxHistoryPage).contains(query.limit) else {
            throw LedgerError(.invalidQuery, "a history page holds 1 to \(Self.maxHistoryPage) transactions, not \(query.limit)")
        }
        let after = try query.cursor.map { text throws(LedgerError) in try HistoryCursor(parsing: text) }
        let member = try query.member.map { key throws(LedgerError) in try checked(key) }
        if let ending = query.phoneEnding, ending.count != 4 || !ending.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw LedgerError(.invalidQuery, "search by the last 4 digits of the phone number, e.g. 5678, not '\(ending)'")
        }
        let (start, end) = query.range.interval(at: clock.now(), in: timeZone)
        if let start, let end, start >= end {
            throw LedgerError(.invalidQuery, "the range ends before it starts; give a 'from' earlier than 'to'")
        }
        return try await storageErrors {
            try await database.pool.read { db in
                var conditions: [String] = []
                var arguments: StatementArguments = []
                if let member {
                    guard let found = try MemberStore.find(db, member) else { return HistoryPage(entries: [], nextCursor: nil) }
                    conditions.append("t.member_id = ?")
                    arguments += [found.id]
                }
                if let ending = query.phoneEnding {
                    conditions.append("m.phone LIKE ?")
                    arguments += ["%" + ending]
                }
                if let start {
                    conditions.append("t.occurred_at >= ?")
                    arguments += [start.ledgerMilliseconds]
                }
                if let end {
                    conditions.append("t.occurred_at < ?")
                    arguments += [end.ledgerMilliseconds]
                }
                if !query.types.isEmpty {
                    conditions.append("t.type IN (\(query.types.map { _ in "?" }.joined(separator: ",")))")
                    arguments += StatementArguments(query.types.map(\.rawValue).sorted())
                }
                if let after {
                    conditions.append("(t.occurred_at, t.id) < (?, ?)")
                    arguments += [after.occurredAt, after.id]
                }
                let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
                let rows = try Row.fetchAll(try db.prepared("""
                        SELECT \(LedgerTransaction.columns), m.phone, m.barcode
                        \(LedgerTransaction.tables)
                        JOIN member m ON m.id = t.member_id
                        \(filter)
                        ORDER BY t.occurred_at DESC, t.id DESC
                        LIMIT ?
                        """),
                    arguments: arguments + [query.limit + 1])
                var entries: [HistoryEntry] = []
                for row in rows.prefix(query.limit) {
                    let phone: String? = row[LedgerTransaction.columnCount]
                    entries.append(HistoryEntry(
                        transaction: try LedgerTransaction(row: row),
                        phone: try phone.map { text throws(LedgerError) in try PhoneNumber(parsing: text) },
                        barcode: row[LedgerTransaction.columnCount + 1]))
                }
                let next = rows.count > query.limit ? entries.last.map { HistoryCursor(of: $0.transaction).description } : nil
                return HistoryPage(entries: entries, nextCursor: next)
            }
        }
    }
}

/// Where a history page ended: the newest-first position of its last transaction.
struct HistoryCursor: CustomStringConvertible {
    var occurredAt: Int64
    var id: Int64

    init(of transaction: LedgerTransaction) {
        occurredAt = transaction.occurredAt.ledgerMilliseconds
        id = transaction.id
    }

    init(parsing text: String) throws(LedgerError) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let time = Int64(parts[0]), let id = Int64(parts[1]) else {
            throw LedgerError(.invalidQuery, "'\(text)' is not a history cursor; pass back the nextCursor of the previous page")
        }
        occurredAt = time
        self.id = id
    }

    var description: String { "\(occurredAt).\(id)" }
}
