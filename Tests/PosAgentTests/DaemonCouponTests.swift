import DeviceIO
import Foundation
import Testing

/// Stamp cards, vouchers and coupons on the real daemon through its socket: who may issue, redeeming by
/// code and by the counter's scanner, the tablet's screens, and the daily statistics.
/// "Cashiers" are uid 65534 in group `users`; root is a manager by peer credentials.
extension DaemonSuites {
@Suite(.serialized) struct DaemonCouponTests {
    static let stampCards = """

        [policy]
        stamp_card_size = 3
        stamp_card_reward = "아메리카노 1잔"
        stamp_card_reward_won = 4500
        """
    /// A day `days` from today in Seoul, YYYY-MM-DD, and the day after it.
    static func day(in days: Int) -> (day: String, next: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Seoul")!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        return (formatter.string(from: date), formatter.string(from: calendar.date(byAdding: .day, value: 1, to: date)!))
    }

    let lastDay = Self.day(in: 200)
    var voucher: String { #"{"member":{"phone":"010-1234-5678"},"value":5000,"reason":"late delivery","validUntil":"\#(lastDay.day)"}"# }
    let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]

    func coupon(_ reply: DaemonHarness.Reply) throws -> [String: Any] {
        let coupons = try reply.json()["coupons"] as? [[String: Any]] ?? []
        return try #require(coupons.first, "\(reply.body)")
    }

    @Test func vouchersNeedAManagerAndACouponIsRedeemedOnceAndGivenBackOnce() async throws {
        let daemon = try await DaemonHarness.launch(extraConfiguration: Self.stampCards)

        // Issuing a voucher is for managers: root by peer credentials, or a cashier with a manager's id and PIN.
        let byCashier = try await daemon.request("POST", "/v1/vouchers", body: voucher, key: "v0", as: .cashier)
        #expect(byCashier.status == 403, "\(byCashier.body)")
        #expect(byCashier.body.contains("issuing a voucher is for managers"))
        let noKey = try await daemon.request("POST", "/v1/vouchers", body: voucher)
        #expect(noKey.status == 400)
        #expect(noKey.code == "missing_idempotency_key")
        let byRoot = try await daemon.request("POST", "/v1/vouchers", body: voucher, key: "v1")
        #expect(byRoot.status == 200, "\(byRoot.body)")
        let issued = try coupon(byRoot)
        #expect(issued["kind"] as? String == "voucher")
        #expect(issued["value"] as? Int == 5_000)
        #expect(issued["state"] as? String == "issued")
        #expect(issued["expiresAt"] as? String == "\(lastDay.next)T00:00:00.000+09:00", "the end of the last day")
        let code = try #require(issued["code"] as? String)
        #expect(code.hasPrefix("CP") && code.count == 13)
        #expect((try byRoot.json()["transaction"] as? [String: Any])?["coupon"] as? String == code)

        let added = try await PosAgentProcess.run(["manager", "add", "kim", "--email", "kim@example.com", "--pin-stdin", "--socket", daemon.socket],
                                                  input: "kim-pin-1\n")
        #expect(added.status == 0, "\(added.stderr)")
        let approved = try await daemon.request("POST", "/v1/vouchers", body: voucher, key: "v2", headers: kim, as: .cashier)
        #expect(approved.status == 200, "\(approved.body)")
        #expect((try approved.json()["transaction"] as? [String: Any])?["actor"] as? String == "kim (manager PIN, uid 65534)")
        let audit = try await daemon.request("GET", "/v1/audit").json()["entries"] as? [[String: Any]] ?? []
        #expect(audit.first?["action"] as? String == "voucher_issued")
        #expect(audit.first?["manager"] as? String == "kim")

        // A cashier redeems it by code; the second try is refused and names the first.
        let redeemBody = #"{"code":"\#(code.lowercased())"}"#
        let redeemed = try await daemon.request("POST", "/v1/coupon-redemptions", body: redeemBody, key: "r1", as: .cashier)
        #expect(redeemed.status == 200, "\(redeemed.body)")
        let redemption = try #require((try redeemed.json()["transaction"] as? [String: Any])?["id"] as? Int)
        #expect(try coupon(redeemed)["state"] as? String == "redeemed")
        let replay = try await daemon.request("POST", "/v1/coupon-redemptions", body: redeemBody, key: "r1", as: .cashier)
        #expect(try replay.json()["replayed"] as? Bool == true)
        let twice = try await daemon.request("POST", "/v1/coupon-redemptions", body: redeemBody, key: "r2", as: .cashier)
        #expect(twice.status == 409)
        #expect(twice.code == "coupon_already_redeemed")
        #expect(try twice.json()["transactionId"] as? Int == redemption)
        let mistyped = try await daemon.request("POST", "/v1/coupon-redemptions", body: #"{"code":"CP12345678901"}"#, key: "r3")
        #expect(mistyped.status == 422)
        #expect(mistyped.code == "invalid_coupon_code")

        // Giving it back is a manager's cancellation, once.
        let cancelBody = #"{"reason":"rung up twice"}"#
        let byCashierCancel = try await daemon.request("POST", "/v1/coupon-redemptions/\(redemption)/cancel", body: cancelBody, key: "x0", as: .cashier)
        #expect(byCashierCancel.status == 403)
        let cancelled = try await daemon.request("POST", "/v1/coupon-redemptions/\(redemption)/cancel", body: cancelBody, key: "x1")
        #expect(cancelled.status == 200, "\(cancelled.body)")
        #expect(try coupon(cancelled)["state"] as? String == "issued")
        let again = try await daemon.request("POST", "/v1/coupon-redemptions/\(redemption)/cancel", body: cancelBody, key: "x2")
        #expect(again.status == 409)
        #expect(again.code == "already_cancelled")
        let notARedemption = try await daemon.request("POST", "/v1/coupon-redemptions/1/cancel", body: cancelBody, key: "x3")
        #expect(notARedemption.code == "not_cancellable")

        // Lookups: by code, by member and state, and with the member.
        let shown = try await daemon.request("GET", "/v1/coupons/\(code)", as: .cashier)
        #expect((try shown.json()["coupon"] as? [String: Any])?["state"] as? String == "issued")
        // As typed, with spaces and hyphens, in lower case: the same coupon.
        let typed = "cp%20" + code.dropFirst(2).prefix(4) + "-" + code.dropFirst(6)
        let shownTyped = try await daemon.request("GET", "/v1/coupons/\(typed)", as: .cashier)
        #expect((try shownTyped.json()["coupon"] as? [String: Any])?["code"] as? String == code, "\(typed): \(shownTyped.body)")
        #expect(try await daemon.request("GET", "/v1/coupons/CP00000000000").code == "coupon_not_found")
        let listed = try await daemon.request("GET", "/v1/coupons?member=010-1234-5678&state=issued").json()
        #expect((listed["coupons"] as? [[String: Any]])?.count == 2)
        let memberID = try #require((try byRoot.json()["member"] as? [String: Any])?["id"] as? Int)
        let member = try await daemon.request("GET", "/v1/members/\(memberID)").json()
        #expect((member["coupons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }.contains(code) == true)
        #expect(try await daemon.request("GET", "/v1/coupons?state=lost").code == "bad_state")
        let csv = try await daemon.request("GET", "/v1/transactions?range=today", headers: ["Accept: text/csv"])
        #expect(csv.body.hasPrefix("id,occurredAt,type,memberId,phone,barcode,payment,points,stamps,cancels,cancelledBy,actor,reason,coupon\n"))
        #expect(csv.body.contains(",coupon_redemption,") && csv.body.contains(",\(code)\n"), "\(csv.body)")
    }

    @Test func theCardFillsIntoACouponAndTheCommandLineDoesItAll() async throws {
        let daemon = try await DaemonHarness.launch(extraConfiguration: Self.stampCards)
        func posagent(_ arguments: [String], input: String? = nil) async throws -> CommandResult {
            try await PosAgentProcess.run(arguments + ["--socket", daemon.socket], input: input)
        }
        for (index, payment) in [10_000, 12_000].enumerated() {
            let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-5555-0001"},"payment":\#(payment)}"#,
                                                 key: "a\(index)", as: .cashier)
            #expect((try reply.json()["coupons"] as? [Any])?.isEmpty == true, "\(reply.body)")
        }
        let third = try await posagent(["accrue", "--phone", "010-5555-0001", "--amount", "15000"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("issued: 아메리카노 1잔, 4,500 won"), "\(third.stdout)")
        #expect(third.stdout.contains("Balance: 370 points, 0 stamps"))

        let listed = try await posagent(["coupon", "list", "--member", "010-5555-0001", "--json"])
        let coupons = try listed.json()["coupons"] as? [[String: Any]] ?? []
        #expect(coupons.count == 1)
        let code = try #require(coupons.first?["code"] as? String)
        let table = try await posagent(["coupon", "list", "--state", "issued"])
        #expect(table.stdout.contains(code) && table.stdout.contains("stamp card"), "\(table.stdout)")

        let redeemed = try await posagent(["coupon", "redeem", code])
        #expect(redeemed.status == 0, "\(redeemed.stderr)")
        #expect(redeemed.stdout.contains("Redeemed coupon \(code)"))
        let twice = try await posagent(["coupon", "redeem", code])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("coupon_already_redeemed"))
        let givenBack = try await posagent(["coupon", "cancel-redemption", code, "--reason", "wrong customer"])
        #expect(givenBack.status == 0, "\(givenBack.stderr)")
        #expect(givenBack.stdout.contains("Coupon \(code) issued"))
        let nothingToCancel = try await posagent(["coupon", "cancel-redemption", code, "--reason", "again"])
        #expect(nothingToCancel.status == 65)
        #expect(nothingToCancel.stderr.contains("not redeemed"))

        let issued = try await posagent(["voucher", "issue", "--phone", "010-5555-0002", "--value", "3000", "--reason", "broken cup",
                                         "--valid-until", lastDay.day])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.contains("issued: broken cup, 3,000 won, expires \(lastDay.next) 00:00"), "\(issued.stdout)")
        let tooLate = try await posagent(["voucher", "issue", "--phone", "010-5555-0002", "--value", "3000", "--reason", "x",
                                          "--valid-until", Self.day(in: 4_000).day])
        #expect(tooLate.status == 65)
        #expect(tooLate.stderr.contains("invalid_expiry"))
        let byCashier = try await PosAgentProcess.run(["voucher", "issue", "--phone", "010-5555-0002", "--value", "3000", "--reason", "x",
                                                       "--socket", daemon.socket], as: .cashier)
        #expect(byCashier.status == 77)
        let shown = try await posagent(["coupon", "show", code])
        #expect(shown.stdout.contains("issued"))
        #expect(try await posagent(["verify"]).status == 0)
    }

    @Test func aCouponScannedAtTheCounterIsRedeemedAndTheTabletSaysSo() async throws {
        let counter = try await DaemonCheckoutTests.Counter.launch(extraConfiguration: """

            [policy]
            stamp_card_size = 1
            stamp_card_reward = "아메리카노 1잔"
            """)
        let daemon = counter.daemon
        let screens = ScreenRecorder(counter.tablet.screens)

        // An accrual that fills the card: the tablet's result says a coupon was issued.
        let accrued = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-7777-0001"},"payment":10000}"#, key: "a1")
        let code = try #require(try coupon(accrued)["code"] as? String)
        let filled = try await screens.result(titled: "적립 완료")
        #expect(filled?.lines.contains("쿠폰 발급: 아메리카노 1잔 (\(code))") == true, "\(String(describing: filled))")

        // While the tablet asks for the member, a coupon does not answer; a membership card does.
        let identify = counter.begin("POST", "/v1/accruals", body: #"{"payment":5000}"#, key: "a2")
        #expect(try await counter.waitForPrompt(for: identify).mode == .barcodeOrPhone)
        try counter.scanner.scan(code)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await counter.tablet.prompt != nil, "the coupon left the prompt waiting")
        try counter.scanner.scan("880012345678")
        let byCard = try await identify.reply()
        #expect(byCard.status == 200, "\(byCard.body)")
        #expect((try byCard.json()["member"] as? [String: Any])?["barcode"] as? String == "880012345678")
        try await counter.waitForNoPrompt()

        // A redemption without a code asks for the coupon at the scanner; a membership card does not answer.
        let redeem = counter.begin("POST", "/v1/coupon-redemptions", body: "{}", key: "r1")
        let prompt = try await counter.waitForPrompt(for: redeem)
        #expect(prompt.mode == .scan)
        try await Task.sleep(for: .seconds(1))  // past the scanner's repeat window for the same card
        try counter.scanner.scan("880012345678")
        try await Task.sleep(for: .milliseconds(500))
        #expect(await counter.tablet.prompt != nil, "the card left the prompt waiting")
        try counter.scanner.scan(code)
        let redeemed = try await redeem.reply()
        #expect(redeemed.status == 200, "\(redeemed.body)")
        #expect(try coupon(redeemed)["state"] as? String == "redeemed")
        let shown = try await screens.result(titled: "쿠폰 사용 완료")
        #expect(shown?.lines.contains("쿠폰 사용: 아메리카노 1잔 (\(code))") == true, "\(String(describing: shown))")
        let redemption = try #require((try redeemed.json()["transaction"] as? [String: Any])?["id"] as? Int)
        let givenBack = try await daemon.request("POST", "/v1/coupon-redemptions/\(redemption)/cancel", body: #"{"reason":"wrong"}"#, key: "x1")
        #expect(givenBack.status == 200, "\(givenBack.body)")
        let cancelled = try await screens.result(titled: "거래 취소 완료")
        #expect(cancelled?.lines.contains("쿠폰 사용 취소: 아메리카노 1잔 (\(code))") == true, "\(String(describing: cancelled))")
        #expect(try await daemon.request("POST", "/v1/coupon-redemptions", body: #"{"code":"\#(code)"}"#, key: "r1b").status == 200)

        // Scanning it again is refused, and the tablet says so.
        let again = counter.begin("POST", "/v1/coupon-redemptions", body: "{}", key: "r2")
        _ = try await counter.waitForPrompt(for: again)
        try await Task.sleep(for: .seconds(1))  // past the scanner's repeat window for the same code
        try counter.scanner.scan(code)
        let refused = try await again.reply()
        #expect(refused.status == 409)
        #expect(refused.code == "coupon_already_redeemed")
        #expect(try await screens.message(containing: "처리할 수 없습니다") != nil, "the tablet tells the customer")
    }

    @Test func dailyStatisticsAsJSONAndAsATableWithABarChart() async throws {
        let daemon = try await DaemonHarness.launch(extraConfiguration: Self.stampCards)
        for index in 0..<4 {
            let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-8888-0001"},"payment":20000}"#, key: "s\(index)")
            #expect(reply.status == 200)
        }
        let code = try #require(try await daemon.request("GET", "/v1/coupons").json()["coupons"].flatMap { ($0 as? [[String: Any]])?.first?["code"] as? String })
        #expect(try await daemon.request("POST", "/v1/coupon-redemptions", body: #"{"code":"\#(code)"}"#, key: "r").status == 200)
        #expect(try await daemon.request("POST", "/v1/vouchers", body: voucher, key: "v").status == 200)

        let statistics = try await daemon.request("GET", "/v1/stats/daily", as: .cashier).json()
        let today = try #require((statistics["days"] as? [[String: Any]])?.first)
        #expect(today["transactions"] as? Int == 4)
        #expect(today["payments"] as? Int == 80_000)
        #expect(today["stampsGranted"] as? Int == 4)
        #expect(today["stampsToCoupons"] as? Int == 3)
        #expect(today["couponsIssued"] as? Int == 2)
        #expect(today["couponsRedeemed"] as? Int == 1)
        #expect(today["newMembers"] as? Int == 2)
        #expect(today["distinctCustomers"] as? Int == 1)
        #expect(today["cancellations"] as? Int == 0)
        let hourly = try #require(statistics["hourly"] as? [String: Any])
        #expect(hourly["day"] as? String == today["day"] as? String)
        let hours = hourly["hours"] as? [[String: Any]] ?? []
        #expect(hours.count == 24)
        #expect(hours.compactMap { $0["transactions"] as? Int }.reduce(0, +) == 4)

        let printed = try await PosAgentProcess.run(["stats", "--socket", daemon.socket])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("Coupons +") && printed.stdout.contains("Redeemed"))
        #expect(printed.stdout.contains("By hour, \(today["day"] as? String ?? "")"))
        let bars = printed.stdout.split(separator: "\n").filter { $0.count > 4 && $0.dropFirst(2).hasPrefix("h ") }
        #expect(bars.contains { $0.contains(String(repeating: "█", count: 40)) }, "the busiest hour has the longest bar: \(printed.stdout)")
        let counts = bars.compactMap { line in line.split(separator: " ").first { $0.hasSuffix(";") }.flatMap { Int($0.dropLast()) } }
        #expect(counts.reduce(0, +) == 4, "\(printed.stdout)")
    }

}
}

/// Keeps every screen the virtual tablet was sent, so a test can wait for a result without holding the stream.
final class ScreenRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var screens: [AgentMessage] = []
    private var task: Task<Void, Never>?

    init(_ stream: AsyncStream<AgentMessage>) {
        task = Task { [weak self] in
            for await screen in stream { self?.append(screen) }
        }
    }

    deinit { task?.cancel() }

    private func append(_ screen: AgentMessage) { lock.withLock { screens.append(screen) } }

    /// The first result screen with `title` the tablet was sent, waiting up to 15 s for it.
    func result(titled title: String) async throws -> TabletResult? {
        try await first { screen in
            if case .result(let result) = screen, result.title == title { return result }
            return nil
        }
    }

    /// The first message screen containing `text`, waiting up to 15 s for it.
    func message(containing text: String) async throws -> String? {
        try await first { screen in
            if case .message(let message) = screen, message.contains(text) { return message }
            return nil
        }
    }

    private func first<T>(_ match: (AgentMessage) -> T?) async throws -> T? {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let found = lock.withLock({ screens.lazy.compactMap(match).first }) { return found }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
