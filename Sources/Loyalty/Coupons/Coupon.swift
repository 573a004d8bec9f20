import Foundation
import GRDB

/// Where a coupon came from.
public enum CouponKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The reward of a full stamp card.
    case stampCard = "stamp_card"
    /// A manager's one-time voucher (compensation or goodwill).
    case voucher
}

/// Where a coupon is in its life: issued → redeemed (→ issued again if the redemption is cancelled), or
/// expired unused; void when the grant whose stamps filled its card was cancelled, or a voucher withdrawn.
public enum CouponState: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    case redeemed
    case expired
    case void
}

/// A coupon and where it stands now.
public struct Coupon: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: CouponCode
    public var memberID: Int64
    public var kind: CouponKind
    /// What it is worth at the counter, in won; 0 for a reward that is not money (a free coffee).
    public var value: Won
    /// What the customer gets, as the shop words it (the voucher's reason, or the stamp card's reward).
    public var description: String
    public var issuedAt: Date
    /// The first instant it can no longer be redeemed; nil: never expires.
    public var expiresAt: Date?
    public var state: CouponState
    /// The transaction that issued it.
    public var issuedBy: Int64
    /// The redemption that holds it, while it is redeemed.
    public var redeemedBy: Int64?

    /// The state as of `now`: an issued coupon past its expiry is expired even before the ledger writes it.
    public func state(at now: Date) -> CouponState {
        if state == .issued, let expiresAt, expiresAt <= now { return .expired }
        return state
    }

    /// The fixed terms that every transaction about this coupon covers in its hash.
    var terms: CouponTerms {
        CouponTerms(id: id, code: code.rawValue, kind: kind.rawValue, value: value, description: description,
                    expiresAtMilliseconds: expiresAt?.ledgerMilliseconds)
    }
}

/// A coupon's terms as the hash chain covers them: fixed at issue, never changed.
struct CouponTerms: Hashable, Sendable {
    var id: Int64
    var code: String
    var kind: String
    var value: Won
    var description: String
    var expiresAtMilliseconds: Int64?
}

extension Coupon: FetchableRecord {
    static let selection = """
        SELECT c.id, c.code, c.member_id, c.kind, c.value, c.description, c.issued_at, c.expires_at, c.state,
            c.redemption_id,
            (SELECT i.id FROM ledger_transaction i WHERE i.coupon_id = c.id AND i.type = 'coupon_issue') AS issued_by
        FROM coupon c
        """

    public init(row: Row) throws {
        let id: Int64 = row[0]
        let kindName: String = row[3], stateName: String = row[8]
        guard let kind = CouponKind(rawValue: kindName), let state = CouponState(rawValue: stateName) else {
            throw LedgerError(.storage, "coupon \(id) has an unknown kind '\(kindName)' or state '\(stateName)'; run verify")
        }
        let expires: Int64? = row[7]
        self.init(
            id: id, code: try CouponCode(parsing: row[1]), memberID: row[2], kind: kind, value: row[4], description: row[5],
            issuedAt: Date(ledgerMilliseconds: row[6]), expiresAt: expires.map(Date.init(ledgerMilliseconds:)), state: state,
            issuedBy: row[10] ?? 0, redeemedBy: row[9])
    }
}
