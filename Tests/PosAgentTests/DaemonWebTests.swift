import Foundation
import Testing

/// The cashier screen's listener through real HTTP on loopback: sign-in, session cookies, CSRF, origins,
/// Host checks, and the socket API's own rules behind them.
extension DaemonSuites {
@Suite(.serialized) struct DaemonWebTests {
    static func launch() async throws -> DaemonHarness {
        try await DaemonHarness.launch(webPort: try DaemonHarness.freePort())
    }

    @Test func signInGivesAStrictHttpOnlyCookieAndAWrongPINNothing() async throws {
        let daemon = try await Self.launch()
        let origin = "Origin: \(daemon.webOrigin)"
        let wrong = try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"000000"}"#, headers: [origin])
        #expect(wrong.status == 401)
        #expect(wrong.code == "wrong_pin")
        #expect(wrong.headers["set-cookie"] == nil)
        #expect(!daemon.log().contains("000000"), "a typed PIN is never logged")

        let right = try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"\#(DaemonHarness.cashierPIN)"}"#, headers: [origin])
        #expect(right.status == 200, "\(right.body)")
        let cookie = try #require(right.headers["set-cookie"]?.first)
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/"))
        #expect(cookie.contains("Max-Age=43200"))
        let id = try #require(right.sessionCookie)
        #expect(id.count == 43, "256 random bits, base64url")
        let body = try right.json()
        #expect(body["role"] as? String == "cashier")
        let csrf = try #require(body["csrfToken"] as? String)
        #expect(csrf.count == 43 && csrf != id)
        #expect(!daemon.log().contains(DaemonHarness.cashierPIN))
    }

    @Test func everythingButThePageNeedsASession() async throws {
        let daemon = try await Self.launch()
        let page = try await daemon.webRequest("GET", "/")
        #expect(page.status == 200)
        #expect(page.header("content-type")?.hasPrefix("text/html") == true)
        #expect(page.header("content-security-policy")?.contains("default-src 'none'") == true)
        #expect(page.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
        #expect(page.header("x-frame-options") == "DENY")
        #expect(page.body.contains("/assets/screen.js"))
        #expect(try await daemon.webRequest("GET", "/assets/screen.js").status == 200)

        let anonymous = try await daemon.webRequest("GET", "/v1/devices")
        #expect(anonymous.status == 401)
        #expect(anonymous.code == "signed_out")
        let forged = try await daemon.webRequest("GET", "/v1/devices", headers: ["Cookie: posagent_session=\(String(repeating: "A", count: 43))"])
        #expect(forged.status == 401)

        let session = try await daemon.signIn()
        let devices = try await daemon.webRequest("GET", "/v1/devices", headers: ["Cookie: posagent_session=\(session.cookie)"])
        #expect(devices.status == 200, "\(devices.body)")
        #expect(devices.body.contains(#""role":"tablet""#))
    }

    @Test func aChangeNeedsTheSessionsCSRFToken() async throws {
        let daemon = try await Self.launch()
        let session = try await daemon.signIn()
        let cookie = "Cookie: posagent_session=\(session.cookie)"
        let accrual = #"{"member":{"phone":"010-5555-1234"},"payment":12000}"#
        let missing = try await daemon.webRequest("POST", "/v1/accruals", body: accrual, headers: [cookie, "Idempotency-Key: w-1"])
        #expect(missing.status == 403)
        #expect(missing.code == "csrf")
        let wrong = try await daemon.webRequest("POST", "/v1/accruals", body: accrual,
                                                headers: [cookie, "Idempotency-Key: w-1", "X-CSRF-Token: \(session.cookie)"])
        #expect(wrong.status == 403)
        #expect(wrong.code == "csrf")
        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect(try (history.json()["transactions"] as? [Any])?.isEmpty == true, "nothing was written")

        let done = try await daemon.webRequest("POST", "/v1/accruals", body: accrual,
                                               headers: [cookie, "Idempotency-Key: w-1", "X-CSRF-Token: \(session.csrf)"])
        #expect(done.status == 200, "\(done.body)")
        #expect((try done.json()["transaction"] as? [String: Any])?["actor"] as? String == "cashier screen")
        #expect((try done.json()["member"] as? [String: Any])?["phone"] as? String == "010-****-1234")

        let signOut = try await daemon.webRequest("DELETE", "/web/session", headers: [cookie])
        #expect(signOut.status == 403, "signing out is a change too")
        let out = try await daemon.webRequest("DELETE", "/web/session", headers: [cookie, "X-CSRF-Token: \(session.csrf)"])
        #expect(out.status == 200)
        #expect(out.headers["set-cookie"]?.first?.contains("Max-Age=0") == true)
        #expect(try await daemon.webRequest("GET", "/v1/devices", headers: [cookie]).status == 401)
    }

    @Test func anotherOriginIsRefusedEvenWithTheCookieAndToken() async throws {
        let daemon = try await Self.launch()
        let session = try await daemon.signIn()
        let credentials = ["Cookie: posagent_session=\(session.cookie)", "X-CSRF-Token: \(session.csrf)"]
        let accrual = #"{"member":{"phone":"010-5555-1234"},"payment":12000}"#
        for foreign in ["Origin: http://shop.example", "Origin: http://127.0.0.1:\(daemon.webPort + 1)", "Origin: null",
                        "Referer: http://shop.example/page"] {
            let reply = try await daemon.webRequest("POST", "/v1/accruals", body: accrual,
                                                    headers: credentials + ["Idempotency-Key: o-\(foreign.count)", foreign])
            #expect(reply.status == 403, "\(foreign)")
            #expect(reply.code == "foreign_origin", "\(foreign)")
        }
        let signIn = try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"\#(DaemonHarness.cashierPIN)"}"#,
                                                 headers: ["Origin: http://shop.example"])
        #expect(signIn.status == 403)
        #expect(signIn.headers["set-cookie"] == nil)
        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect(try (history.json()["transactions"] as? [Any])?.isEmpty == true)

        let own = try await daemon.webRequest("POST", "/v1/accruals", body: accrual,
                                              headers: credentials + ["Idempotency-Key: o-own", "Origin: \(daemon.webOrigin)",
                                                                      "Referer: \(daemon.webOrigin)/#accrual"])
        #expect(own.status == 200, "\(own.body)")
    }

    @Test func aHostOtherThanTheListenerIsRefused() async throws {
        let daemon = try await Self.launch()
        let rebound = try await daemon.webRequest("GET", "/", headers: ["Host: shop.example:\(daemon.webPort)"])
        #expect(rebound.status == 403)
        #expect(rebound.code == "foreign_host")
        let session = try await daemon.signIn()
        let sneaky = try await daemon.webRequest("GET", "/v1/devices", headers: ["Host: shop.example", "Cookie: posagent_session=\(session.cookie)"])
        #expect(sneaky.status == 403)
        #expect(try await daemon.webRequest("GET", "/", headers: ["Host: localhost:\(daemon.webPort)"]).status == 200)
    }

    @Test func aCashierSessionIsNoManager() async throws {
        let daemon = try await Self.launch()
        let session = try await daemon.signIn()
        let headers = ["Cookie: posagent_session=\(session.cookie)", "X-CSRF-Token: \(session.csrf)"]
        let conversion = try await daemon.webRequest(
            "POST", "/v1/conversions", body: #"{"member":{"phone":"010-5555-1234"},"points":500,"reason":"event"}"#,
            headers: headers + ["Idempotency-Key: c-1"])
        #expect(conversion.status == 403)
        #expect(conversion.code == "forbidden")
        let csv = try await daemon.webRequest("GET", "/v1/transactions?range=all", headers: headers + ["Accept: text/csv"])
        #expect(csv.status == 403)
        let unmasked = try await daemon.webRequest("GET", "/v1/transactions?unmasked=true", headers: headers)
        #expect(unmasked.status == 403)
    }

    @Test func aManagersIDAndPINApproveOnTheScreen() async throws {
        let daemon = try await Self.launch()
        let registered = try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#)
        #expect(registered.status == 201, "\(registered.body)")
        let session = try await daemon.signIn()
        let signedIn = ["Cookie: posagent_session=\(session.cookie)", "X-CSRF-Token: \(session.csrf)"]
        let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]
        let accrual = try await daemon.webRequest("POST", "/v1/accruals", body: #"{"member":{"phone":"010-5555-1234"},"payment":12000}"#,
                                                  headers: signedIn + ["Idempotency-Key: m-1"])
        #expect(accrual.status == 200, "\(accrual.body)")
        let conversion = #"{"member":{"phone":"010-5555-1234"},"points":500,"reason":"event"}"#

        let wrong = try await daemon.webRequest("POST", "/v1/conversions", body: conversion,
                                                headers: signedIn + ["Idempotency-Key: m-2", "X-Manager-Id: kim", "X-Manager-Pin: guess-0000"])
        #expect(wrong.status == 403, "\(wrong.body)")
        #expect(wrong.code == "wrong_pin")
        #expect(try wrong.json()["remainingAttempts"] as? Int == 4)
        let half = try await daemon.webRequest("POST", "/v1/conversions", body: conversion,
                                               headers: signedIn + ["Idempotency-Key: m-2", "X-Manager-Id: kim"])
        #expect(half.status == 400)
        #expect(half.code == "incomplete_manager_credentials")
        let withoutToken = try await daemon.webRequest("POST", "/v1/conversions", body: conversion,
                                                       headers: ["Cookie: posagent_session=\(session.cookie)", "Idempotency-Key: m-2"] + kim)
        #expect(withoutToken.status == 403, "a manager's PIN does not stand in for the page's CSRF token")
        #expect(withoutToken.code == "csrf")

        let converted = try await daemon.webRequest("POST", "/v1/conversions", body: conversion,
                                                    headers: signedIn + ["Idempotency-Key: m-3"] + kim)
        #expect(converted.status == 200, "\(converted.body)")
        let transaction = try converted.json()["transaction"] as? [String: Any]
        #expect(transaction?["actor"] as? String == "kim (manager PIN, cashier screen)")
        #expect(transaction?["points"] as? Int == 500)
        let conversionID = try #require(transaction?["id"] as? Int)

        let cancelled = try await daemon.webRequest("POST", "/v1/transactions/\(conversionID)/cancel", body: #"{"reason":"typo"}"#,
                                                    headers: signedIn + ["Idempotency-Key: m-4"] + kim)
        #expect(cancelled.status == 200, "\(cancelled.body)")
        #expect((try cancelled.json()["transaction"] as? [String: Any])?["actor"] as? String == "kim (manager PIN, cashier screen)")

        let csv = try await daemon.webRequest("GET", "/v1/transactions?range=all", headers: signedIn + ["Accept: text/csv"] + kim)
        #expect(csv.status == 200, "\(csv.body)")
        #expect(csv.header("content-type")?.hasPrefix("text/csv") == true)
        #expect(csv.body.contains(",01055551234,"), "the export has whole phone numbers: \(csv.body)")
        #expect(csv.body.contains("kim (manager PIN, cashier screen)"))

        let audit = try await daemon.request("GET", "/v1/audit")
        let entries = try audit.json()["entries"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["action"] as? String } == ["csv_export", "cancellation", "conversion", "wrong_pin", "manager_added"])
        #expect(entries.dropLast().allSatisfy { $0["manager"] as? String == "kim" && $0["caller"] as? String == "cashier screen" },
                "\(entries)")
        #expect(entries[2]["transactionID"] as? Int == conversionID)
        #expect(!daemon.log().contains("kim-pin-1") && !daemon.log().contains("guess-0000"), "the daemon never logs a PIN")
    }

    @Test func theLiveFeedSendsTheCountersState() async throws {
        let daemon = try await Self.launch()
        let session = try await daemon.signIn()
        let feed = try await daemon.webRequest("GET", "/web/events", headers: ["Cookie: posagent_session=\(session.cookie)"], maxTime: 2)
        #expect(feed.header("content-type")?.hasPrefix("text/event-stream") == true)
        #expect(feed.body.contains("event: state\ndata: {"))
        #expect(feed.body.contains(#""backlog":0"#))
        #expect(feed.body.contains(#""present":false,"role":"tablet""#))
        #expect(try await daemon.webRequest("GET", "/web/events", maxTime: 2).status == 401)
    }

    @Test func shutdownDoesNotWaitForAScreenFollowingTheFeed() async throws {
        let daemon = try await Self.launch()
        let session = try await daemon.signIn()
        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        follower.arguments = ["-s", "-N", "--max-time", "120", "-H", "Cookie: posagent_session=\(session.cookie)",
                              "\(daemon.webOrigin)/web/events"]
        follower.standardOutput = FileHandle.nullDevice
        try follower.run()
        defer { if follower.isRunning { follower.terminate() } }
        try await Task.sleep(for: .milliseconds(500))
        kill(daemon.process.processIdentifier, SIGTERM)
        try await waitUntil("the daemon stopped", timeout: 20) { !daemon.process.isRunning }
        #expect(daemon.process.terminationStatus == 0)
        try await waitUntil("the feed ended", timeout: 5) { !follower.isRunning }
    }

    @Test func repeatedWrongPINsLockSignInForAMinute() async throws {
        let daemon = try await Self.launch()
        let origin = "Origin: \(daemon.webOrigin)"
        for _ in 0..<5 {
            #expect(try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"1111"}"#, headers: [origin]).code == "wrong_pin")
        }
        let locked = try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"\#(DaemonHarness.cashierPIN)"}"#, headers: [origin])
        #expect(locked.status == 429)
        #expect(locked.code == "too_many_attempts")
        #expect(locked.sessionCookie == nil)
    }

    @Test func withoutAPINFileNobodySignsIn() async throws {
        let daemon = try await Self.launch()
        try FileManager.default.removeItem(at: daemon.cashierPINFile)
        let reply = try await daemon.webRequest("POST", "/web/session", body: #"{"pin":"\#(DaemonHarness.cashierPIN)"}"#)
        #expect(reply.status == 503)
        #expect(reply.code == "no_cashier_pin")
        #expect(try reply.json()["detail"] as? String ?? "" == "no cashier PIN is set: write 4 to 16 digits to \(daemon.cashierPINFile.path) (mode 0600, owned by the daemon's account), or set [web] cashier_pin_file")
    }
}
}
