import Foundation
import Testing

/// The real daemon binary, its real socket, curl as the client.
extension DaemonSuites {
@Suite(.serialized) struct DaemonAPITests {
    let accrual = #"{"member":{"phone":"010-1234-5678"},"payment":12000}"#

    @Test func accruesAndAnswersRetriesFromTheFirstResult() async throws {
        let daemon = try await DaemonHarness.launch()
        let first = try await daemon.request("POST", "/v1/accruals", body: accrual, key: "receipt-1")
        #expect(first.status == 200, "\(first.body)")
        let json = try first.json()
        let transaction = json["transaction"] as? [String: Any]
        #expect(transaction?["points"] as? Int == 120)
        #expect(transaction?["type"] as? String == "accrual")
        #expect(transaction?.keys.contains("cancelledBy") == true)
        #expect((json["member"] as? [String: Any])?["phone"] as? String == "010-****-5678")

        let retry = try await daemon.request("POST", "/v1/accruals", body: accrual, key: "receipt-1")
        #expect(retry.status == 200)
        #expect(try retry.json()["replayed"] as? Bool == true)
        #expect((try retry.json()["transaction"] as? [String: Any])?["id"] as? Int == transaction?["id"] as? Int)

        let other = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-1234-5678"},"payment":13000}"#, key: "receipt-1")
        #expect(other.status == 422)
        #expect(other.code == "idempotency_conflict")
        #expect(other.contentType.hasPrefix("application/problem+json"))

        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect((try history.json()["transactions"] as? [Any])?.count == 1)
    }

    @Test func badInputGetsA4xxThatSaysWhatToFixAndWritesNothing() async throws {
        let daemon = try await DaemonHarness.launch()
        let cases: [(body: String, key: String?, status: Int, code: String)] = [
            (accrual, nil, 400, "missing_idempotency_key"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":12000"#, "k1", 400, "bad_json"),
            (#"{"member":{"phone":"010-1234-5678"},"paymnet":12000}"#, "k2", 400, "unknown_field"),
            (#"{"member":{"phone":"010-1234-5678","email":"x"},"payment":12000}"#, "k3", 400, "unknown_field"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":-5}"#, "k4", 422, "invalid_amount"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":92233720368547758070}"#, "k5", 400, "bad_field"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":12000.5}"#, "k6", 400, "bad_field"),
            (#"{"member":{"phone":"02-123-4567"},"payment":12000}"#, "k7", 422, "invalid_phone"),
            (#"{"member":{"phone":"010-1234-5678","id":3},"payment":12000}"#, "k8", 400, "bad_member"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":10000001}"#, "k9", 422, "amount_too_large"),
            ("[1,2]", "k10", 400, "bad_json"),
            (#"{"member":null,"payment":12000}"#, "k12", 400, "bad_field"),
            (#"{"member":{"phone":null},"payment":12000}"#, "k13", 400, "bad_field"),
            (#"{"member":{"phone":"010-1234-5678"},"payment":1}"#, "has space", 400, "invalid_idempotency_key"),
        ]
        for item in cases {
            let reply = try await daemon.request("POST", "/v1/accruals", body: item.body, key: item.key)
            #expect(reply.status == item.status, "\(item.body): \(reply.body)")
            #expect(reply.code == item.code, "\(item.body): \(reply.body)")
            #expect((try? reply.json()["detail"] as? String)?.isEmpty == false)
        }
        let huge = "{\"member\":{\"phone\":\"010-1234-5678\"},\"payment\":1,\"pad\":\"" + String(repeating: "x", count: 70_000) + "\"}"
        let tooLarge = try await daemon.request("POST", "/v1/accruals", body: huge, key: "k11")
        #expect(tooLarge.status == 413, "\(tooLarge.body)")
        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect((try history.json()["transactions"] as? [Any])?.count == 0)
    }

    @Test func cashiersAreRefusedManagersWork() async throws {
        let daemon = try await DaemonHarness.launch()
        let accrued = try await daemon.request("POST", "/v1/accruals", body: accrual, key: "a1", as: .cashier)
        #expect(accrued.status == 200, "\(accrued.body) \(daemon.log())")
        #expect((try accrued.json()["transaction"] as? [String: Any])?["actor"] as? String == "nobody (uid 65534)")

        let conversion = #"{"member":{"phone":"010-1234-5678"},"points":500,"reason":"apology"}"#
        let refusals: [(String, String, String?, [String])] = [
            ("POST", "/v1/conversions", conversion, []),
            ("POST", "/v1/transactions/1/cancel", #"{"reason":"return"}"#, []),
            ("GET", "/v1/transactions?range=all", nil, ["Accept: text/csv"]),
            ("GET", "/v1/transactions?range=all&unmasked=true", nil, []),
        ]
        for (method, path, body, headers) in refusals {
            let reply = try await daemon.request(method, path, body: body, key: "r-\(path.count)", headers: headers, as: .cashier)
            #expect(reply.status == 403, "\(method) \(path): \(reply.body)")
            #expect(reply.code == "forbidden")
        }
        let granted = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "c1", as: .manager)
        #expect(granted.status == 200, "\(granted.body)")
        let unmasked = try await daemon.request("GET", "/v1/transactions?range=all&unmasked=true", as: .manager)
        #expect(unmasked.body.contains("01012345678"))
        let cancelled = try await daemon.request("POST", "/v1/transactions/1/cancel", body: #"{"reason":"return"}"#, key: "x1", as: .manager)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        let again = try await daemon.request("POST", "/v1/transactions/1/cancel", body: #"{"reason":"return"}"#, key: "x2", as: .manager)
        #expect(again.status == 409)
        #expect(again.code == "already_cancelled")

        let stranger = try await daemon.request("GET", "/v1/health", as: .unknownUser)
        #expect(stranger.status == 0, "the socket must not accept an account outside its group")
    }

    @Test func csvExportStreamsWholeNumbersForManagers() async throws {
        let daemon = try await DaemonHarness.launch()
        for index in 0..<3 {
            let body = #"{"member":{"phone":"010-1111-000\#(index)"},"payment":\#(10_000 * (index + 1))}"#
            #expect(try await daemon.request("POST", "/v1/accruals", body: body, key: "csv-\(index)").status == 200)
        }
        let csv = try await daemon.request("GET", "/v1/transactions?range=today", headers: ["Accept: text/csv"])
        #expect(csv.status == 200)
        #expect(csv.contentType.hasPrefix("text/csv"))
        let lines = csv.body.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,occurredAt,type,memberId,phone") == true)
        #expect(lines.count == 4)
        #expect(csv.body.contains(",01011110002,"))
    }

    @Test func flowsThatNeedATabletSaySoAtOnce() async throws {
        let daemon = try await DaemonHarness.launch()
        let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"payment":12000}"#, key: "t1")
        #expect(reply.status == 503)
        #expect(reply.code == "no_tablet")
        let prompt = try await daemon.request("DELETE", "/v1/prompt")
        #expect(prompt.status == 404)
        let devices = try await daemon.request("GET", "/v1/devices")
        #expect(devices.status == 200)
    }

    @Test func queriesAndLookups() async throws {
        let daemon = try await DaemonHarness.launch()
        _ = try await daemon.request("POST", "/v1/accruals", body: accrual, key: "q1")
        let member = try await daemon.request("GET", "/v1/members/1")
        #expect(member.status == 200)
        #expect((try member.json()["member"] as? [String: Any])?["points"] as? Int == 120)
        #expect(try await daemon.request("GET", "/v1/members/99").status == 404)
        let identify = try await daemon.request("POST", "/v1/identify", body: #"{"member":{"phone":"01012345678"}}"#, key: "i1")
        #expect(identify.status == 200)
        let stats = try await daemon.request("GET", "/v1/stats/daily")
        #expect(((try stats.json()["days"] as? [[String: Any]])?.first?["transactions"] as? Int) == 1)
        #expect(try await daemon.request("GET", "/v1/transactions?range=fortnight").code == "bad_range")
        let health = try await daemon.request("GET", "/v1/health")
        #expect(((try health.json()["outbox"] as? [String: Any])?["backlog"] as? Int) == 1)
    }

    @Test func wholePhoneNumbersAreDecidedBeforeAnythingIsWritten() async throws {
        let daemon = try await DaemonHarness.launch()
        // A cashier may accrue, but not see whole numbers: refused, and the accrual is not committed.
        let refused = try await daemon.request("POST", "/v1/accruals?unmasked=true", body: accrual, key: "u1", as: .cashier)
        #expect(refused.status == 403, "\(refused.body)")
        for value in ["yes", "1", "true&unmasked=true", ""] {
            let reply = try await daemon.request("POST", "/v1/accruals?unmasked=\(value)", body: accrual, key: "u-\(value)")
            #expect(reply.status == 400, "unmasked=\(value): \(reply.body)")
            #expect(reply.code == "invalid_query", "unmasked=\(value): \(reply.body)")
        }
        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect((try history.json()["transactions"] as? [Any])?.count == 0, "\(history.body)")
        // The same request as a manager commits once and shows the whole number.
        let shown = try await daemon.request("POST", "/v1/accruals?unmasked=true", body: accrual, key: "u1", as: .manager)
        #expect(shown.status == 200, "\(shown.body)")
        #expect((try shown.json()["member"] as? [String: Any])?["phone"] as? String == "01012345678")
        #expect(try await daemon.request("GET", "/v1/members/1?unmasked=null").code == "invalid_query")
        let masked = try await daemon.request("POST", "/v1/accruals?unmasked=false", body: accrual, key: "u1", as: .manager)
        #expect(try masked.json()["replayed"] as? Bool == true)
        #expect((try masked.json()["member"] as? [String: Any])?["phone"] as? String == "010-****-5678")
    }

    @Test func aMemberQueryIsAPhoneNumberInAnyFormOrAMemberID() async throws {
        let daemon = try await DaemonHarness.launch()
        _ = try await daemon.request("POST", "/v1/accruals", body: accrual, key: "mq1")
        _ = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-9999-0000"},"payment":5000}"#, key: "mq2")
        for member in ["01012345678", "010-1234-5678", "%2B82%2010%201234%205678", "010+1234+5678", "%2B82+10+1234+5678", "1"] {
            let history = try await daemon.request("GET", "/v1/transactions?range=all&member=\(member)")
            let rows = try history.json()["transactions"] as? [[String: Any]]
            #expect(rows?.count == 1, "member=\(member): \(history.body)")
            #expect((rows?.first?["transaction"] as? [String: Any])?["payment"] as? Int == 12000, "member=\(member): \(history.body)")
            let coupons = try await daemon.request("GET", "/v1/coupons?member=\(member)")
            #expect(coupons.status == 200, "member=\(member): \(coupons.body)")
        }
        let unknown = try await daemon.request("GET", "/v1/transactions?range=all&member=01077776666")
        #expect((try unknown.json()["transactions"] as? [Any])?.count == 0)
        for bad in ["0", "02-123-4567", "x1"] {
            let reply = try await daemon.request("GET", "/v1/transactions?range=all&member=\(bad)")
            #expect(reply.code == "invalid_phone", "member=\(bad): \(reply.body)")
        }
    }
}
}
