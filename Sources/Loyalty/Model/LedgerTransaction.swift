import Foundation
import GRDB

/// One committed row of the ledger. `points` and `stamps` are what it granted (positive) or took (negative).
public struct LedgerTransaction: Sendable, Hashable, Codable {
    public var id: Int64
    public var type: TransactionType
    public var memberID: Int64
    public var payment: Won
    public var points: Points
    public var stamps: Stamps
    public var occurredAt: Date
    /// The transaction this one cancels (only for `cancellation`).
    public var cancels: Int64?
    /// The cancellation that reversed this one, if any.
    public var cancelledBy: Int64?
    public var actor: String?
    public var reason: String?
    /// The coupon a coupon transaction, or the cancellation of one, is about.
    public var coupon: CouponCode? = nil
    /// The transaction's identity on the central server (its outbox row).
    public var syncID: UUID
    public var previousHash: String
    public var hash: String
}

extension LedgerTransaction: FetchableRecord {
    /// The columns `init(row:)` reads: the transaction, who cancelled it and its outbox identity.
    static let columns = """
        t.id, t.type, t.member_id, t.payment, t.points, t.stamps, t.occurred_at, t.cancels_id,
        t.actor, t.reason, t.prev_hash, t.hash, c.id AS cancelled_by, o.id AS sync_id, cp.code AS coupon_code
        """
    /// How many columns `columns` selects: a query's own columns follow at these positions.
    static let columnCount = 15
    /// The tables `columns` come from, aliased `t` (the transaction), `c` (its cancellation), `o` (its outbox
    /// row) and `cp` (its coupon).
    static let tables = """
        FROM ledger_transaction t
        LEFT JOIN ledger_transaction c ON c.cancels_id = t.id
        JOIN outbox o ON o.transaction_id = t.id
        LEFT JOIN coupon cp ON cp.id = t.coupon_id
        """
    static let selection = "SELECT \(columns) \(tables)"

    /// Decodes by position (the order of `columns`): history pages decode thousands of rows.
    public init(row: Row) throws {
        let id: Int64 = row[0]
        let typeName: String = row[1]
        guard let type = TransactionType(rawValue: typeName) else {
            throw LedgerError(.storage, "transaction \(id) has an unknown type '\(typeName)'")
        }
        let syncText: String = row[13]
        guard let syncID = UUID(ledgerText: syncText) else {
            throw LedgerError(.storage, "transaction \(id) has a malformed sync id '\(syncText)'")
        }
        let couponCode: String? = row[14]
        self.init(
            id: id, type: type, memberID: row[2], payment: row[3], points: row[4], stamps: row[5],
            occurredAt: Date(ledgerMilliseconds: row[6]), cancels: row[7], cancelledBy: row[12],
            actor: row[8], reason: row[9], coupon: try couponCode.map { code throws(LedgerError) in try CouponCode(parsing: code) },
            syncID: syncID, previousHash: row[10], hash: row[11]
        )
    }

    static func fetch(_ db: Database, id: Int64) throws -> LedgerTransaction? {
        try LedgerTransaction.fetchOne(try db.prepared(selection + " WHERE t.id = ?"), arguments: [id])
    }
}
