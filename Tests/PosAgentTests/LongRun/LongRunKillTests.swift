import Foundation
import Testing

/// SIGKILL at random moments while accruals, cancellations of earlier accruals, coupon redemptions and the
/// sync drain all run together, for POSAGENT_LONG_RUN_KILLS cycles. After each: every acknowledged act is
/// in the ledger exactly once, `verify` (the chain and every balance replayed) is clean, the touched members'
/// balances are what the acknowledged acts make them, and the central server holds every transaction once.
extension DaemonSuites {
@Suite(.serialized, .enabled(if: LongRun.enabled, "the long run: set POSAGENT_LONG_RUN (scripts/long-run.sh)"))
struct LongRunKillTests {
    @Test func acknowledgedActsSurviveKillsDuringEverythingAtOnce() async throws {
        let cycles = LongRun.kills
        let server = try await CentralServer.launch()
        let daemon = try await DaemonHarness.launch(extraConfiguration: server.syncSection() + DaemonCouponTests.stampCards)
        let book = KillCycleBook(coupons: try await earnCoupons(cycles * 2, on: daemon))
        // Accruals to cancel in the first cycle.
        for _ in 0..<3 {
            let request = await book.accrual()
            try #require(await book.record(request, try await request.send(to: daemon)))
        }
        let started = Date()
        var descriptors: [Int] = []
        var generator = SystemRandomNumberGenerator()
        for cycle in 1...cycles {
            await book.startCycle()
            let victim = daemon.process
            let delay = Double.random(in: 0.05...0.6, using: &generator)
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { kill(victim.processIdentifier, SIGKILL) }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await Self.keepSending(while: victim, to: daemon) { await book.accrual() } record: { await book.record($0, $1) } }
                group.addTask { await Self.keepSending(while: victim, to: daemon) { await book.cancellation() } record: { await book.record($0, $1) } }
                group.addTask { await Self.keepSending(while: victim, to: daemon) { await book.redemption() } record: { await book.record($0, $1) } }
            }
            try await offPool { victim.waitUntilExit() }
            try await daemon.restart()
            // The POS sends again what it got no answer for, with the same keys.
            for request in await book.takeUnanswered() {
                let reply = try await request.send(to: daemon)
                let answered = await book.record(request, reply)
                #expect(answered, "cycle \(cycle): the retry of \(request.path) is answered: \(reply.body)")
            }
            try await check(daemon, server, book, cycle: cycle)
            descriptors.append(LongRun.openDescriptors(of: daemon.process.processIdentifier))
        }
        let stored = try await server.stored()
        let accruals = await book.accruals.count, cancelled = await book.cancelled.count, redeemed = await book.redeemed.count
        print("long run, kill cycles: \(cycles) cycles in \(Int(Date().timeIntervalSince(started))) s; acknowledged \(accruals) accruals, "
              + "\(cancelled) cancellations, \(redeemed) redemptions; the server stored \(stored.seqs.count) transactions in "
              + "\(stored.uploads) uploads (\(stored.duplicates) sent again after a kill); daemon descriptors after each restart "
              + "\(descriptors.min() ?? -1)...\(descriptors.max() ?? -1)")
        let refusals = await book.refusals
        #expect(refusals.isEmpty, "\(refusals)")
    }

    /// Sends `next()` requests one after another until the daemon dies under one.
    private static func keepSending(while victim: Process, to daemon: DaemonHarness,
                                    next: @Sendable () async -> ShopRequest?,
                                    record: @Sendable (ShopRequest, DaemonHarness.Reply) async -> Bool) async {
        while victim.isRunning, let request = await next() {
            let reply = (try? await request.send(to: daemon)) ?? DaemonHarness.Reply(status: 0, body: "", contentType: "")
            guard await record(request, reply) else { return }
        }
    }

    /// Fills `count` stamp cards (three accruals each, one member per card) and returns the coupons' codes.
    private func earnCoupons(_ count: Int, on daemon: DaemonHarness) async throws -> [String] {
        var codes: [String] = []
        for card in 0..<count {
            for stamp in 0..<3 {
                let body = #"{"member":{"phone":"010-6\#(String(format: "%03d", card / 10_000))-\#(String(format: "%04d", card % 10_000))"},"payment":3000}"#
                let reply = try await daemon.request("POST", "/v1/accruals", body: body, key: "card-\(card)-\(stamp)")
                try #require(reply.status == 200, "\(reply.body)")
                codes += (try reply.json()["coupons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            }
        }
        try #require(codes.count == count, "every third stamp fills a card")
        return codes
    }

    private func check(_ daemon: DaemonHarness, _ server: CentralServer, _ book: KillCycleBook, cycle: Int) async throws {
        let ledger = try await LedgerReading.read(daemon)
        let accruals = await book.accruals, cancelled = await book.cancelled, redeemed = await book.redeemed
        let byPayment = ledger.accrualsByPayment
        #expect(Set(byPayment.keys) == Set(accruals.values), "cycle \(cycle): every acknowledged accrual is in the ledger, and nothing else")
        #expect(byPayment.values.allSatisfy { $0 == 1 }, "cycle \(cycle): no accrual is recorded twice")
        let cancellations = ledger.cancellationsByTarget
        #expect(Set(cancellations.keys) == cancelled, "cycle \(cycle): every acknowledged cancellation happened")
        #expect(cancellations.values.allSatisfy { $0 == 1 }, "cycle \(cycle): each cancellation happened once")
        let redemptions = ledger.redemptionsByCode
        #expect(Set(redemptions.keys) == redeemed, "cycle \(cycle): every acknowledged redemption happened")
        #expect(redemptions.values.allSatisfy { $0 == 1 }, "cycle \(cycle): each coupon was redeemed once")
        let verify = try await daemon.request("GET", "/v1/verify").json()
        #expect((verify["issues"] as? [Any])?.isEmpty == true, "cycle \(cycle): \(verify)")
        // The members touched this cycle hold what their one accrual gave, or nothing once it was cancelled.
        let members = await book.accrualMembers
        for id in await book.touched {
            guard let member = members[id], let payment = accruals[id] else { continue }
            let shown = try await daemon.request("GET", "/v1/members/\(member)").json()["member"] as? [String: Any]
            let expected = cancelled.contains(id) ? 0 : payment / 100
            #expect(shown?["points"] as? Int == expected, "cycle \(cycle): member \(member) of accrual \(id)")
        }
        try await waitUntil("the outbox is drained", timeout: 60) {
            try await daemon.request("GET", "/v1/sync").json()["backlog"] as? Int == 0
        }
        let stored = try await server.stored()
        let ids = ledger.syncIDs
        #expect(ids.count == Set(ids).count, "cycle \(cycle): sync ids are unique")
        #expect(Set(stored.seqs.keys) == Set(ids), "cycle \(cycle): the server holds every transaction, once")
    }
}
}
