import GRDB

/// `verify()` for coupons: each coupon's state, holder and member must be what the replay of its
/// transactions gives. (Their terms are covered by the hash chain; the stamps a card took, by the lots.)
enum CouponVerification {
    private struct Replay {
        var member: Int64?
        var state: CouponState?
        var redemption: Int64?
        var problem: String?
    }

    static func verify(_ db: Database, into report: inout VerificationReport) throws {
        var replays: [Int64: Replay] = [:]
        let events = try Row.fetchCursor(try db.prepared("""
                SELECT t.id, t.type, t.member_id, t.coupon_id, t.cancels_id, target.type AS cancelled_type
                FROM ledger_transaction t LEFT JOIN ledger_transaction target ON target.id = t.cancels_id
                WHERE t.coupon_id IS NOT NULL
                ORDER BY t.coupon_id, t.id
                """))
        while let row = try events.next() {
            let couponID: Int64 = row["coupon_id"], id: Int64 = row["id"]
            var replay = replays[couponID] ?? Replay()
            guard replay.problem == nil else { continue }
            func fail(_ text: String) { replay.problem = "transaction \(id) \(text)" }
            let type: String = row["type"]
            switch (type, row["cancelled_type"] as String?, replay.state) {
            case ("coupon_issue", _, nil):
                replay.state = .issued
                replay.member = row["member_id"]
            case ("coupon_redemption", _, .issued?):
                replay.state = .redeemed
                replay.redemption = id
            case ("coupon_expiry", _, .issued?):
                replay.state = .expired
            case ("cancellation", "coupon_redemption", .redeemed?) where replay.redemption == (row["cancels_id"] as Int64?):
                replay.state = .issued
                replay.redemption = nil
            case ("cancellation", "coupon_issue", .issued?), ("cancellation", "coupon_issue", .expired?):
                replay.state = .void
            default:
                fail("(\(type)) does not follow the coupon's \(replay.state?.rawValue ?? "missing issue")")
            }
            if replay.member != nil, replay.member != (row["member_id"] as Int64) { fail("is for another member than the coupon's issue") }
            replays[couponID] = replay
        }
        let coupons = try Row.fetchCursor(try db.prepared("SELECT id, code, member_id, state, redemption_id FROM coupon ORDER BY id"))
        while let row = try coupons.next() {
            let id: Int64 = row["id"], code: String = row["code"]
            let replay = replays.removeValue(forKey: id) ?? Replay(problem: "no transaction issued it")
            let state: String = row["state"], redemption: Int64? = row["redemption_id"], member: Int64 = row["member_id"]
            let detail: String? = if let problem = replay.problem {
                problem
            } else if state != replay.state?.rawValue || redemption != replay.redemption {
                "it is \(state) but its transactions make it \(replay.state?.rawValue ?? "?")\(replay.redemption.map { " by redemption \($0)" } ?? "")"
            } else if member != replay.member {
                "it belongs to member #\(member) but was issued to member #\(replay.member ?? 0)"
            } else {
                nil
            }
            if let detail {
                report.issues.append(.init(kind: .couponState, transactionID: nil, memberID: member, detail: "coupon \(code): \(detail)"))
            }
        }
        for couponID in replays.keys.sorted() {
            report.issues.append(.init(kind: .couponState, transactionID: nil, memberID: nil,
                                       detail: "transactions name coupon \(couponID), which the ledger does not hold"))
        }
    }
}
