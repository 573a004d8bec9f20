import Foundation
import GRDB

/// Which coupons to list, newest first, a page at a time.
public struct CouponQuery: Sendable, Hashable {
    public var member: MemberKey?
    /// Only coupons in these states (as of now); empty: all.
    public var states: Set<CouponState>
    public var limit: Int
    public var cursor: String?

    public init(member: MemberKey? = nil, states: Set<CouponState> = [], limit: Int = 100, cursor: String? = nil) {
        self.member = member
        self.states = states
        self.limit = limit
        self.cursor = cursor
    }
}

public struct CouponPage: Sendable, Hashable {
    public var coupons: [Coupon]
    /// Pass back as `cursor` for the next (older) page; `nil` on the last page.
    public var nextCursor: String?
}

extension Ledger {
    public static let maxCouponPage = 1_000

    /// One coupon by its code, with its state as of now (an issued coupon past its expiry reads expired).
    public func coupon(_ code: CouponCode) async throws -> Coupon? {
        let now = clock.now()
        return try await storageErrors {
            try await database.pool.read { db in try CouponStore.find(db, code: code)?.asOf(now) }
        }
    }

    /// Coupons, newest first, with their states as of now.
    public func coupons(_ query: CouponQuery) async throws -> CouponPage {
        guard (1...Self.maxCouponPage).contains(query.limit) else {
            throw LedgerError(.invalidQuery, "a coupon page holds 1 to \(Self.maxCouponPage) coupons, not \(query.limit)")
        }
        let before = try query.cursor.map { text throws(LedgerError) in
            guard let id = Int64(text), id > 0 else {
                throw LedgerError(.invalidQuery, "'\(text)' is not a coupon cursor; pass back the nextCursor of the previous page")
            }
            return id
        }
        let member = try query.member.map { key throws(LedgerError) in try checked(key) }
        let now = clock.now()
        return try await storageErrors {
            try await database.pool.read { db in
                var conditions: [String] = []
                var arguments: StatementArguments = []
                if let member {
                    guard let found = try MemberStore.find(db, member) else { return CouponPage(coupons: [], nextCursor: nil) }
                    conditions.append("c.member_id = ?")
                    arguments += [found.id]
                }
                if !query.states.isEmpty {
                    let effective = "(CASE WHEN c.state = 'issued' AND c.expires_at <= ? THEN 'expired' ELSE c.state END)"
                    conditions.append("\(effective) IN (\(query.states.map { _ in "?" }.joined(separator: ",")))")
                    arguments += [now.ledgerMilliseconds]
                    arguments += StatementArguments(query.states.map(\.rawValue).sorted())
                }
                if let before {
                    conditions.append("c.id < ?")
                    arguments += [before]
                }
                let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
                let coupons = try Coupon.fetchAll(
                    try db.prepared(Coupon.selection + filter + " ORDER BY c.id DESC LIMIT ?"),
                    arguments: arguments + [query.limit + 1])
                let page = coupons.prefix(query.limit).map { $0.asOf(now) }
                return CouponPage(coupons: page, nextCursor: coupons.count > query.limit ? page.last.map { String($0.id) } : nil)
            }
        }
    }
}

extension Coupon {
    /// This coupon with its state as of `now`.
    func asOf(_ now: Date) -> Coupon {
        var coupon = self
        coupon.state = state(at: now)
        return coupon
    }
}
