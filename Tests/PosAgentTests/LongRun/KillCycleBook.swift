import Foundation

/// What the POS saw acknowledged during the kill cycles, and what it still has to send again.
actor KillCycleBook {
    /// Acknowledged accruals: transaction id -> payment. Payments are unique, one member each.
    private(set) var accruals: [Int: Int] = [:]
    private(set) var accrualMembers: [Int: Int] = [:]
    /// Accrual ids whose cancellation was acknowledged.
    private(set) var cancelled: Set<Int> = []
    /// Coupon codes whose redemption was acknowledged.
    private(set) var redeemed: Set<String> = []
    private var coupons: [String]
    private var cancelling: Set<Int> = []
    private var nextPayment = 10_000
    private var nextKey = 0
    /// Requests the daemon died on before it answered.
    private(set) var unanswered: [ShopRequest] = []
    /// The transactions touched in the current cycle, whose members are checked after it.
    private(set) var touched: Set<Int> = []
    /// Answers that were neither a success nor a dead daemon: each is a defect.
    private(set) var refusals: [String] = []

    init(coupons: [String]) { self.coupons = coupons }

    func accrual() -> ShopRequest { request(.accrual(payment: take(&nextPayment))) }

    /// An acknowledged, not yet cancelled accrual to cancel; nil when there is none.
    func cancellation() -> ShopRequest? {
        guard let id = accruals.keys.filter({ !cancelled.contains($0) && !cancelling.contains($0) }).min() else { return nil }
        cancelling.insert(id)
        return request(.cancellation(of: id))
    }

    func redemption() -> ShopRequest? {
        guard !coupons.isEmpty else { return nil }
        return request(.redemption(code: coupons.removeFirst()))
    }

    /// Records the daemon's answer; false when the daemon gave none (it is being killed).
    func record(_ request: ShopRequest, _ reply: DaemonHarness.Reply) -> Bool {
        guard reply.status == 200 else {
            if reply.status != 0 { refusals.append("\(request.path) \(reply.status): \(reply.body)") }
            unanswered.append(request)
            return false
        }
        let transaction = (try? reply.json())?["transaction"] as? [String: Any]
        switch request.act {
        case .accrual(let payment):
            guard let id = transaction?["id"] as? Int else { refusals.append("no id: \(reply.body)"); return true }
            accruals[id] = payment
            accrualMembers[id] = transaction?["memberID"] as? Int
            touched.insert(id)
        case .cancellation(let id):
            cancelled.insert(id)
            cancelling.remove(id)
            touched.insert(id)
        case .redemption(let code):
            redeemed.insert(code)
        }
        return true
    }

    /// The unanswered requests, to send again after the restart; the list starts empty again.
    func takeUnanswered() -> [ShopRequest] {
        defer { unanswered = [] }
        return unanswered
    }

    func startCycle() { touched = [] }

    private func request(_ act: ShopRequest.Act) -> ShopRequest {
        ShopRequest(act: act, key: "long-\(take(&nextKey))")
    }

    private func take(_ counter: inout Int) -> Int {
        defer { counter += 1 }
        return counter
    }
}
