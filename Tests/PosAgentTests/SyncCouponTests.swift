import Foundation
import Testing

/// Coupon events travel in the upload like every transaction: once each in effect, with the coupon's terms.
extension DaemonSuites.SyncTests {
    @Test func couponEventsArriveOnceWithTheirTerms() async throws {
        let server = try await CentralServer.launch()
        let daemon = try await DaemonHarness.launch(extraConfiguration: server.syncSection() + """

            [policy]
            stamp_card_size = 2
            stamp_card_reward = "free coffee"
            stamp_card_reward_won = 4500
            """)
        // A lost acknowledgement makes the agent send the first batch again: the server must not count it twice.
        try await server.inject(#"{"lose_ack": 1}"#)
        for payment in [5_001, 5_002] {  // the second fills a card
            let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-7000-5001"},"payment":\#(payment)}"#,
                                                 key: "a\(payment)")
            #expect(reply.status == 200, "\(reply.body)")
        }
        let voucher = try await daemon.request(
            "POST", "/v1/vouchers", body: #"{"member":{"phone":"010-7000-5001"},"value":2000,"reason":"apology"}"#, key: "v")
        let code = try #require((try voucher.json()["coupons"] as? [[String: Any]])?.first?["code"] as? String)
        let redeemed = try await daemon.request("POST", "/v1/coupon-redemptions", body: #"{"code":"\#(code)"}"#, key: "r")
        let redemption = try #require((try redeemed.json()["transaction"] as? [String: Any])?["id"] as? Int)
        let cancelled = try await daemon.request("POST", "/v1/coupon-redemptions/\(redemption)/cancel", body: #"{"reason":"wrong"}"#, key: "c")
        #expect(cancelled.status == 200, "\(cancelled.body)")

        _ = try await drained(daemon)
        let ledger = try await ledgerTransactions(daemon)
        let held = try await server.state()
        #expect(ledger.count == 6, "two accruals, a card's coupon, a voucher, its redemption and its cancellation")
        #expect(Set(held.transactions.keys) == Set(ledger.keys), "the server holds each of them once")
        #expect(held.duplicates > 0, "the batch whose acknowledgement was lost came again and was recognized")

        let bySeq = held.transactions.values.sorted { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) }
        try #require(bySeq.count == 6)
        #expect(bySeq.map { $0["type"] as? String } == ["accrual", "accrual", "coupon_issue", "coupon_issue", "coupon_redemption", "cancellation"])
        let card = try #require(bySeq[2]["coupon"] as? [String: Any])
        #expect(card["kind"] as? String == "stamp_card")
        #expect(card["value"] as? Int == 4_500)
        #expect(card["description"] as? String == "free coffee")
        #expect(bySeq[2]["stamps"] as? Int == -2)
        let issuedVoucher = try #require(bySeq[3]["coupon"] as? [String: Any])
        #expect(issuedVoucher["code"] as? String == code)
        #expect(issuedVoucher["kind"] as? String == "voucher")
        #expect((bySeq[4]["coupon"] as? [String: Any])?["code"] as? String == code)
        #expect((bySeq[5]["coupon"] as? [String: Any])?["code"] as? String == code)
        #expect(bySeq[5]["cancels"] as? String == bySeq[4]["id"] as? String)
        #expect(bySeq[0]["coupon"] == nil, "transactions about no coupon carry none")
    }
}
