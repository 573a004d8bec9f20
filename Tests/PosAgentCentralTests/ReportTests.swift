import Foundation
import SyncWire
import Testing
@testable import PosAgentCentral

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct ReportTests {
    static let morning = "2026-03-02T10:00:00.000+09:00", lateNight = "2026-03-02T23:59:00.000+09:00"
    /// 2026-03-02 23:00 in UTC: the shop's day is the 3rd.
    static let nextMorning = "2026-03-03T08:00:00.000+09:00"
    static let (a, b, c) = ("01011112222", "01033334444", "01055556666")

    /// Two shops' batches with known figures: s1 on the 2nd and the 3rd, s2 on the 2nd.
    private func ingestKnownBatches(_ database: TestDatabase) async throws {
        let (one, two) = try await database.client { client in
            let stores = StoreDirectory(client: client, logger: database.logger)
            return (try await stores.add(id: "s1", name: "s1"), try await stores.add(id: "s2", name: "s2"))
        }
        let coupon = UploadedTransaction.Coupon(code: "CP48213907768", kind: "stamp_card", value: 4_500, description: "아메리카노 1잔",
                                                issuedAt: Self.morning, expiresAt: nil)
        let cancelled = transaction("accrual", at: Self.morning, phone: Self.b, payment: 5_000, points: 50, stamps: 1)
        let shop = linked([
            transaction("accrual", at: Self.morning, phone: Self.a, payment: 10_000, points: 100, stamps: 1),
            cancelled,
            transaction("accrual", at: Self.lateNight, phone: Self.a, payment: 20_000, points: 200, stamps: 2),
            transaction("point_use", at: Self.morning, phone: Self.a, points: -30),
            transaction("stamp_use", at: Self.morning, phone: Self.b, stamps: -1),
            transaction("conversion", at: Self.morning, phone: Self.c, points: 40, stamps: 3),
            transaction("coupon_issue", at: Self.morning, phone: Self.c, stamps: -10, coupon: coupon),
            transaction("coupon_redemption", at: Self.morning, phone: Self.c, coupon: coupon),
            transaction("cancellation", at: Self.morning, phone: Self.b, points: -50, stamps: -1, cancels: cancelled.id),
            transaction("expiry", at: Self.nextMorning, phone: Self.a, points: -25),
            transaction("accrual", at: Self.nextMorning, phone: nil, barcode: "CARD-77", payment: 3_000, points: 30, stamps: 1),
            transaction("accrual", at: Self.nextMorning, phone: Self.a, payment: 1_000, points: 10, stamps: 1),
        ])
        let serve = try ServeProcess(database)
        try await uploadAccepted(shop, store: "s1", token: one, to: serve)
        try await uploadAccepted(linked([transaction("accrual", at: Self.morning, phone: Self.a, payment: 7_000, points: 70, stamps: 1)]),
                                 store: "s2", token: two, to: serve)
    }

    static let expected = [
        ShopDay(store: "s1", day: "2026-03-02", accruals: 3, uses: 2, pointsGranted: 390, pointsUsed: 30, pointsExpired: 0,
                stampsGranted: 7, stampsUsed: 11, couponsIssued: 1, couponsRedeemed: 1, cancellations: 1, members: 3),
        ShopDay(store: "s1", day: "2026-03-03", accruals: 2, uses: 0, pointsGranted: 40, pointsUsed: 0, pointsExpired: 25,
                stampsGranted: 2, stampsUsed: 0, couponsIssued: 0, couponsRedeemed: 0, cancellations: 0, members: 2),
        ShopDay(store: "s2", day: "2026-03-02", accruals: 1, uses: 0, pointsGranted: 70, pointsUsed: 0, pointsExpired: 0,
                stampsGranted: 1, stampsUsed: 0, couponsIssued: 0, couponsRedeemed: 0, cancellations: 0, members: 1),
    ]

    @Test func theFiguresOfEachShopsDayAreThoseOfItsIngestedTransactions() async throws {
        try await TestDatabase.with { database in
            try await ingestKnownBatches(database)
            let run = try await runCentral(database, ["report", "--json"])
            #expect(run.status == 0, "\(run.errors)")
            let report = try JSONDecoder().decode(ReportOutput.Report.self, from: Data(run.output.utf8))
            #expect(report.days == Self.expected)
            #expect(report.from == nil && report.until == nil)
            #expect(run.output.contains("\"from\" : null"))

            let some = try await runCentral(database, ["report", "--json", "--store", "s1", "--from", "2026-03-03"])
            let filtered = try JSONDecoder().decode(ReportOutput.Report.self, from: Data(some.output.utf8))
            #expect(filtered.days == [Self.expected[1]] && filtered.from == "2026-03-03")
            let second = try await runCentral(database, ["report", "--json", "--until", "2026-03-02"])
            #expect(try JSONDecoder().decode(ReportOutput.Report.self, from: Data(second.output.utf8)).days
                    == [Self.expected[0], Self.expected[2]])
        }
    }

    @Test func theTableIsForPeopleAndTheCSVForPrograms() async throws {
        try await TestDatabase.with { database in
            try await ingestKnownBatches(database)
            let table = try await runCentral(database, ["report"])
            #expect(table.status == 0)
            #expect(table.output == """
                store  day         accruals  uses  points granted  points used  points expired  stamps granted  stamps used  coupons issued  coupons redeemed  cancellations  members
                s1     2026-03-02         3     2             390           30               0               7           11               1                 1              1        3
                s1     2026-03-03         2     0              40            0              25               2            0               0                 0              0        2
                s2     2026-03-02         1     0              70            0               0               1            0               0                 0              0        1

                """)
            let csv = try await runCentral(database, ["report", "--csv", "--store", "s2"])
            #expect(csv.output == "store,day,accruals,uses,points_granted,points_used,points_expired,stamps_granted,stamps_used,"
                + "coupons_issued,coupons_redeemed,cancellations,members\r\ns2,2026-03-02,1,0,70,0,0,1,0,0,0,0,1\r\n")
            let empty = try await runCentral(database, ["report", "--from", "2027-01-01"])
            #expect(empty.status == 0 && empty.output == "no transactions stored in this period\n")
            let emptyCSV = try await runCentral(database, ["report", "--csv", "--from", "2027-01-01"])
            #expect(emptyCSV.output.split(separator: "\r\n").count == 1, "the header alone")
        }
    }

    @Test func aWrongDayOrAnUnknownShopIsRefusedWithWhatToWrite() async throws {
        try await TestDatabase.with { database in
            let notADay = try await runCentral(database, ["report", "--from", "2026-02-30"])
            #expect(notADay.status != 0 && notADay.errors.hasPrefix("Error: --from 2026-02-30 is not a day; write it as YYYY-MM-DD"), "\(notADay.errors)")
            let backwards = try await runCentral(database, ["report", "--from", "2026-03-03", "--until", "2026-03-02"])
            #expect(backwards.status != 0 && backwards.errors.hasPrefix("Error: --from 2026-03-03 is after --until 2026-03-02"))
            let nowhere = try await runCentral(database, ["report", "--store", "nowhere"])
            #expect(nowhere.status != 0 && nowhere.errors.hasPrefix("Error: there is no store nowhere"))
            let both = try await runCentral(database, ["report", "--csv", "--json"])
            #expect(both.status != 0)
        }
    }
}
