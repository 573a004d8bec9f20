import DeviceIO
import Foundation
import Loyalty
import Testing

/// One-time codes on the real daemon through its socket: the key made by `posagent otp init-key`, a member
/// enrolled with `posagent member otp-enroll`, codes computed here from the secret it printed.
extension DaemonSuites {
@Suite(.serialized) struct DaemonOTPTests {
    let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]
    let registerKim = #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#

    /// A key file made by the CLI in a directory of its own, and the configuration that names it.
    static func keyFile() async throws -> (path: String, configuration: String) {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-otp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("otp.key").path
        let created = try await PosAgentProcess.run(["otp", "init-key", "--key-file", path])
        #expect(created.status == 0, "\(created.stderr)")
        return (path, """

            [store]
            id = "gangnam-01"
            name = "Gangnam Cafe"

            [otp]
            key_file = "\(path)"
            """)
    }

    /// The code the member's app shows `steps` steps from now.
    static func code(_ secret: OTPSecret, steps: Int64 = 0) -> String {
        TOTP(secret: secret).code(step: TOTP.step(at: Date()) + steps)
    }

    /// Waits into a fresh 30-second step when this one ends soon, so the codes of the steps around now stay
    /// right for the next few seconds.
    static func awayFromAStepBoundary() async throws {
        let intoStep = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 30)
        if intoStep > 20 { try await Task.sleep(for: .seconds(30.5 - intoStep)) }
    }

    static func action(_ code: String, _ action: String, phone: String = "010-1234-5678") -> String {
        #"{"member":{"phone":"\#(phone)"},"code":"\#(code)","action":\#(action)}"#
    }

    @Test func aCodeApprovedByAManagerCollectsCancelsAndAccruesOnceEach() async throws {
        let key = try await Self.keyFile()
        var status = stat()
        #expect(stat(key.path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let again = try await PosAgentProcess.run(["otp", "init-key", "--key-file", key.path])
        #expect(again.status == 73, "a key is never replaced: \(again.stdout)")
        #expect(again.stderr.contains("a key exists already"))
        #expect(try await PosAgentProcess.run(["otp", "init-key", "--key-file", key.path, "--if-missing"]).status == 0)

        let daemon = try await DaemonHarness.launch(extraConfiguration: key.configuration)
        func posagent(_ arguments: [String], input: String? = nil, as identity: DaemonHarness.Identity = .cashier) async throws -> CommandResult {
            try await PosAgentProcess.run(arguments + ["--socket", daemon.socket], input: input, as: identity)
        }

        // No manager yet: neither enrollment nor codes, and the answer says why, even to root.
        let early = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "e0")
        #expect(early.status == 403, "\(early.body)")
        #expect(early.code == "no_managers")
        #expect(early.body.contains("manager is registered"))
        let earlyCode = try await daemon.request("POST", "/v1/otp/actions", body: Self.action("123456", #"{"collectStamps":1}"#),
                                                 key: "a0", headers: kim, as: .cashier)
        #expect(earlyCode.code == "no_managers")
        #expect(try await daemon.request("POST", "/v1/managers", body: registerKim).status == 201)

        // A cashier may not enroll alone; with kim's id and PIN the CLI prints the URI and a QR code that scans.
        let alone = try await posagent(["member", "otp-enroll", "010-1234-5678"])
        #expect(alone.status == 77, "\(alone.stderr)")
        let enrolled = try await posagent(["member", "otp-enroll", "010-1234-5678", "--manager", "kim", "--pin-stdin"], input: "kim-pin-1\n")
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        let uriLine = try #require(enrolled.stdout.split(separator: "\n").first { $0.hasPrefix("otpauth://totp/") })
        let uri = String(uriLine)
        #expect(uri.hasPrefix("otpauth://totp/010-%2A%2A%2A%2A-5678?secret="))
        #expect(uri.hasSuffix("&issuer=Gangnam%20Cafe&digits=6&period=30&algorithm=SHA1"))
        let drawing = enrolled.stdout.split(separator: "\n").filter { $0.contains("█") }.joined(separator: "\n")
        #expect(try await ZBar.decode(try QRCodeTests.modules(fromDrawing: drawing)) == uri, "the printed QR code scans to the URI")
        let base32 = try #require(URLComponents(string: uri)?.queryItems?.first { $0.name == "secret" }?.value)
        let secret = try OTPSecret(base32: base32)
        #expect(!daemon.log().contains(base32), "the daemon never logs a secret")
        let twice = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "e2")
        #expect(twice.status == 409)
        #expect(twice.code == "otp_already_enrolled")

        // Without a manager's approval a cashier's code does nothing.
        try await Self.awayFromAStepBoundary()
        let unapproved = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret, steps: -1), #"{"collectStamps":2}"#),
                                                  key: "u1", as: .cashier)
        #expect(unapproved.status == 403)
        #expect(unapproved.code == "forbidden")

        // The step before, now and the step after: three codes, three acts.
        let collected = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret, steps: -1), #"{"collectStamps":2}"#),
                                                 key: "a1", headers: kim, as: .cashier)
        #expect(collected.status == 200, "\(collected.body)")
        let collectedTransaction = try collected.json()["transaction"] as? [String: Any]
        #expect(collectedTransaction?["type"] as? String == "conversion")
        #expect(collectedTransaction?["stamps"] as? Int == 2)
        #expect(collectedTransaction?["actor"] as? String == "kim (manager PIN, uid 65534)")
        #expect(collectedTransaction?["reason"] as? String == "one-time code: collect 2 stamps")

        let cancelled = try await posagent(["otp", "cancel-stamps", "1", "--phone", "010-1234-5678", "--code", Self.code(secret),
                                            "--manager", "kim", "--pin-stdin", "--json"], input: "kim-pin-1\n")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect((try cancelled.json()["transaction"] as? [String: Any])?["type"] as? String == "stamp_use")
        #expect((try cancelled.json()["member"] as? [String: Any])?["stamps"] as? Int == 1)

        let lastCode = Self.code(secret, steps: 1)
        let accrued = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(lastCode, #"{"accruePoints":{"payment":12000}}"#),
                                               key: "a3", headers: kim, as: .cashier)
        #expect(accrued.status == 200, "\(accrued.body)")
        #expect((try accrued.json()["transaction"] as? [String: Any])?["points"] as? Int == 120)
        #expect((try accrued.json()["member"] as? [String: Any])?["stamps"] as? Int == 2)
        let retried = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(lastCode, #"{"accruePoints":{"payment":12000}}"#),
                                               key: "a3", headers: kim, as: .cashier)
        #expect(retried.status == 200, "the same key answers again")
        #expect((try retried.json()["transaction"] as? [String: Any])?["id"] as? Int == (try accrued.json()["transaction"] as? [String: Any])?["id"] as? Int)

        // The same code again is refused; so is a wrong one; that makes five, and the sixth is not checked.
        let replayed = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(lastCode, #"{"collectStamps":1}"#),
                                                key: "a4", headers: kim, as: .cashier)
        #expect(replayed.status == 409, "\(replayed.body)")
        #expect(replayed.code == "otp_replayed")
        let wrongCode = lastCode == "000000" ? "000001" : "000000"
        let wrong = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(wrongCode, #"{"collectStamps":1}"#),
                                             key: "a5", headers: kim, as: .cashier)
        #expect(wrong.status == 403, "\(wrong.body)")
        #expect(wrong.code == "otp_invalid")
        #expect(try wrong.json()["remainingAttempts"] as? Int == 0)
        let sixth = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret, steps: 1), #"{"collectStamps":1}"#),
                                             key: "a6", headers: kim, as: .cashier)
        #expect(sixth.status == 429, "\(sixth.body)")
        #expect(sixth.code == "otp_rate_limited")

        // The limit is in the ledger: a restart does not lift it, and the CLI says to try later.
        #expect(try await daemon.stop() == 0)
        try await daemon.restart()
        let afterRestart = try await posagent(["otp", "collect-stamps", "1", "--phone", "010-1234-5678", "--code", Self.code(secret, steps: 1),
                                               "--manager", "kim", "--pin-stdin"], input: "kim-pin-1\n")
        #expect(afterRestart.status == 75, "\(afterRestart.stderr)")
        #expect(afterRestart.stderr.contains("otp_rate_limited"))

        let audit = try await daemon.request("GET", "/v1/audit")
        let entries = try audit.json()["entries"] as? [[String: Any]] ?? []
        #expect(entries.compactMap { $0["action"] as? String }.prefix(8)
                == ["otp_refused", "otp_refused", "otp_refused", "otp_refused", "otp_action", "otp_action", "otp_action", "otp_enrolled"])
        #expect(entries.first { $0["action"] as? String == "otp_action" }?["transactionID"] as? Int
                == (try accrued.json()["transaction"] as? [String: Any])?["id"] as? Int)
        let verify = try await daemon.request("GET", "/v1/verify")
        #expect(verify.status == 200, "\(verify.body)")
        #expect((try verify.json()["issues"] as? [Any])?.isEmpty == true, "\(verify.body)")
    }

    @Test func stampsCollectedByCodeFillACardWhoseCouponACodeRedeems() async throws {
        let key = try await Self.keyFile()
        let daemon = try await DaemonHarness.launch(extraConfiguration: key.configuration + DaemonCouponTests.stampCards)
        #expect(try await daemon.request("POST", "/v1/managers", body: registerKim).status == 201)
        let enrollment = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "e1")
        #expect(enrollment.status == 201, "\(enrollment.body)")
        let secret = try OTPSecret(base32: try #require(try enrollment.json()["secret"] as? String))
        try await Self.awayFromAStepBoundary()

        // Four stamps by code fill the card of three: its coupon comes in the same answer, one stamp carries over.
        let collected = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret, steps: -1), #"{"collectStamps":4}"#),
                                                 key: "c1", headers: kim, as: .cashier)
        #expect(collected.status == 200, "\(collected.body)")
        #expect((try collected.json()["member"] as? [String: Any])?["stamps"] as? Int == 1)
        let coupons = try collected.json()["coupons"] as? [[String: Any]] ?? []
        #expect(coupons.count == 1)
        #expect(coupons.first?["kind"] as? String == "stamp_card")
        let coupon = try #require(coupons.first?["code"] as? String)

        // A coupon code that is not one is refused before the customer's code is looked at.
        let malformed = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret), #"{"redeemCoupon":{"code":"CP123"}}"#),
                                                 key: "r0", headers: kim, as: .cashier)
        #expect(malformed.status == 422, "\(malformed.body)")
        #expect(malformed.code == "invalid_coupon_code")

        // The next code redeems it from the command line, once.
        let redeemed = try await PosAgentProcess.run(
            ["otp", "redeem-coupon", coupon, "--phone", "010-1234-5678", "--code", Self.code(secret), "--manager", "kim", "--pin-stdin", "--json",
             "--socket", daemon.socket], input: "kim-pin-1\n", as: .cashier)
        #expect(redeemed.status == 0, "\(redeemed.stderr)")
        let transaction = try redeemed.json()["transaction"] as? [String: Any]
        #expect(transaction?["type"] as? String == "coupon_redemption")
        #expect(transaction?["coupon"] as? String == coupon)
        #expect(transaction?["reason"] as? String == "one-time code: redeem coupon \(coupon)")
        #expect((try redeemed.json()["coupons"] as? [[String: Any]])?.first?["state"] as? String == "redeemed")
        let twice = try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret, steps: 1), #"{"redeemCoupon":{"code":"\#(coupon)"}}"#),
                                             key: "r2", headers: kim, as: .cashier)
        #expect(twice.status == 409, "\(twice.body)")
        #expect(twice.code == "coupon_already_redeemed")
        let verify = try await daemon.request("GET", "/v1/verify")
        #expect((try verify.json()["issues"] as? [Any])?.isEmpty == true, "\(verify.body)")
    }

    @Test func theCustomerTypesTheCodeOnTheTablet() async throws {
        let key = try await Self.keyFile()
        let counter = try await DaemonCheckoutTests.Counter.launch(extraConfiguration: key.configuration)
        let daemon = counter.daemon
        #expect(try await daemon.request("POST", "/v1/managers", body: registerKim).status == 201)
        let enrollment = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "e1")
        #expect(enrollment.status == 201, "\(enrollment.body)")
        let secret = try OTPSecret(base32: try #require(try enrollment.json()["secret"] as? String))
        try await Self.awayFromAStepBoundary()

        // The member is given; the customer types the code at the `otp` prompt. Root approves by peer credentials.
        let screens = counter.tablet.screens
        let reply = counter.begin("POST", "/v1/otp/actions", body: #"{"member":{"phone":"010-1234-5678"},"action":{"collectStamps":3}}"#, key: "t1")
        let prompt = try await counter.waitForPrompt(for: reply)
        #expect(prompt.mode == .otp)
        try await counter.tablet.enter(Self.code(secret, steps: -1))
        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        #expect((try answer.json()["member"] as? [String: Any])?["stamps"] as? Int == 3)
        #expect((try answer.json()["transaction"] as? [String: Any])?["actor"] as? String == "root (uid 0)")
        let title = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                for await screen in screens { if case .result(let result) = screen { return result.title } }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(15))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(title == "스탬프 적립 완료")
        try await counter.waitForNoPrompt()

        // No member in the request: the phone first, then the code.
        let both = counter.begin("POST", "/v1/otp/actions", body: #"{"action":{"cancelStamps":1}}"#, key: "t2")
        #expect(try await counter.waitForPrompt(for: both).mode == .barcodeOrPhone)
        try await counter.tablet.enter("01012345678")
        try await waitUntil("the code is asked") { await counter.tablet.prompt?.mode == .otp }
        try await counter.tablet.enter(Self.code(secret))
        let second = try await both.reply()
        #expect(second.status == 200, "\(second.body)")
        #expect((try second.json()["member"] as? [String: Any])?["stamps"] as? Int == 2)

        // A wrong code typed on the tablet is refused and the tablet is free again.
        try await counter.waitForNoPrompt()
        let wrong = counter.begin("POST", "/v1/otp/actions", body: #"{"member":{"phone":"010-1234-5678"},"action":{"collectStamps":1}}"#, key: "t3")
        _ = try await counter.waitForPrompt(for: wrong)
        try await counter.tablet.enter(Self.code(secret) == "999999" ? "999998" : "999999")
        let refused = try await wrong.reply()
        #expect(refused.code == "otp_invalid", "\(refused.body)")
        #expect(try refused.json()["remainingAttempts"] as? Int == 2)
    }

    @Test func theFieldsInsideAnActionAreCheckedLikeTheBodysOwn() async throws {
        let daemon = try await DaemonHarness.launch()
        let refusals: [(action: String, code: String, names: String)] = [
            (#"{"accruePoints":{"payment":12000,"paymnet":1}}"#, "unknown_field", "action.accruePoints.paymnet is not a field"),
            (#"{"redeemCoupon":{"code":"CP48213907768","typo":1}}"#, "unknown_field", "action.redeemCoupon.typo is not a field"),
            (#"{"accruePoints":12000}"#, "bad_field", "action.accruePoints must be an object"),
            (#"{"collectStamps":{"count":2,"typo":1}}"#, "bad_field", "action.collectStamps has the wrong type"),
            (#"{"collectStamps":2,"typo":1}"#, "unknown_field", "action.typo is not a field"),
        ]
        for (index, refusal) in refusals.enumerated() {
            let reply = try await daemon.request("POST", "/v1/otp/actions", body: Self.action("123456", refusal.action), key: "n\(index)")
            #expect(reply.status == 400, "\(refusal.action): \(reply.body)")
            #expect(reply.code == refusal.code, "\(refusal.action): \(reply.body)")
            #expect(reply.body.contains(refusal.names), "\(refusal.action): \(reply.body)")
        }
        // The same acts without the stray fields get past the body, to the want of a manager.
        for (index, action) in [#"{"accruePoints":{"payment":12000}}"#, #"{"redeemCoupon":{"code":"CP48213907768"}}"#].enumerated() {
            let reply = try await daemon.request("POST", "/v1/otp/actions", body: Self.action("123456", action), key: "ok\(index)")
            #expect(reply.code == "no_managers", "\(action): \(reply.body)")
        }
    }

    @Test func aReloadReadsTheKeyFileAgainAndKeepsTheKeyInUseWhenTheFileIsBad() async throws {
        let first = try await Self.keyFile(), second = try await Self.keyFile()
        let firstKey = try Data(contentsOf: URL(fileURLWithPath: first.path))
        let secondKey = try Data(contentsOf: URL(fileURLWithPath: second.path))
        let daemon = try await DaemonHarness.launch(extraConfiguration: first.configuration)
        #expect(daemon.log().contains("read the OTP key from \(first.path) (fingerprint \(try OTPKey(fileContents: firstKey).fingerprint))"))
        #expect(try await daemon.request("POST", "/v1/managers", body: registerKim).status == 201)
        let enrolled = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "e1")
        #expect(enrolled.status == 201, "\(enrolled.body)")
        let secret = try OTPSecret(base32: try #require(try enrolled.json()["secret"] as? String))

        /// Sends SIGHUP, as `systemctl reload` does, and waits until the daemon logs `line` once more.
        func reload(logging line: String) async throws {
            let before = daemon.log().components(separatedBy: line).count
            kill(daemon.process.processIdentifier, SIGHUP)
            try await offPool {
                let deadline = Date().addingTimeInterval(10)
                while daemon.log().components(separatedBy: line).count == before {
                    guard Date() < deadline, daemon.process.isRunning else {
                        throw DaemonHarnessError(description: "no '\(line)' after SIGHUP: \(daemon.log())")
                    }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }
        func keyFile(holding contents: Data) throws {
            try contents.write(to: URL(fileURLWithPath: first.path), options: .atomic)
            chmod(first.path, 0o600)
        }
        func collect(_ key: String) async throws -> DaemonHarness.Reply {
            try await Self.awayFromAStepBoundary()
            return try await daemon.request("POST", "/v1/otp/actions", body: Self.action(Self.code(secret), #"{"collectStamps":1}"#), key: key)
        }

        // Another key in the file: the member's secret, sealed with the first, no longer opens.
        try keyFile(holding: secondKey)
        try await reload(logging: "reloaded the OTP key from \(first.path) (fingerprint \(try OTPKey(fileContents: secondKey).fingerprint))")
        let withSecond = try await collect("a1")
        #expect(withSecond.code == "otp_secret_unreadable", "\(withSecond.body)")

        // A file that holds no key, then no file: the key in use stays, and the log says why.
        try keyFile(holding: Data("not a key\n".utf8))
        try await reload(logging: "cannot reload the OTP key from \(first.path): the OTP key file must hold one line of Base64")
        #expect(try await collect("a2").code == "otp_secret_unreadable", "still the second key, not none")
        unlink(first.path)
        try await reload(logging: "cannot reload the OTP key: there is no file \(first.path); keeping the key in use")
        #expect(try await collect("a3").code == "otp_secret_unreadable")

        // The first key back: the member's code opens and collects again.
        try keyFile(holding: firstKey)
        try await reload(logging: "reloaded the OTP key from \(first.path)")
        let collected = try await collect("a4")
        #expect(collected.status == 200, "\(collected.body)")
        #expect(daemon.process.isRunning)
        for key in [firstKey, secondKey] {
            #expect(!daemon.log().contains(String(decoding: key, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), "the log never shows a key")
        }
    }

    @Test func withoutAKeyFileCodesAreRefusedAndTheAnswerSaysHowToMakeOne() async throws {
        let missing = "/tmp/pa-otp-none-\(UUID().uuidString.prefix(8))/otp.key"
        let daemon = try await DaemonHarness.launch(extraConfiguration: "\n[otp]\nkey_file = \"\(missing)\"\n")
        #expect(daemon.log().contains("no OTP key at \(missing)"))
        #expect(try await daemon.request("POST", "/v1/managers", body: registerKim).status == 201)
        let enroll = try await daemon.request("POST", "/v1/otp/enrollments", body: #"{"member":{"phone":"010-1234-5678"}}"#, key: "k1")
        #expect(enroll.status == 503, "\(enroll.body)")
        #expect(enroll.code == "otp_key_missing")
        #expect(enroll.body.contains("posagent otp init-key"))
        let bad = try await daemon.request("POST", "/v1/otp/actions", body: #"{"member":{"phone":"010-1234-5678"},"code":"123456","action":{"collectStamps":1,"cancelStamps":1}}"#,
                                           key: "k2")
        #expect(bad.status == 400)
        #expect(bad.code == "bad_action")
        let unknown = try await daemon.request("POST", "/v1/otp/actions", body: #"{"member":{"phone":"010-1234-5678"},"code":"123456","action":{"redeem":1}}"#,
                                               key: "k3")
        #expect(unknown.code == "unknown_field")
        let noKey = try await daemon.request("POST", "/v1/otp/actions", body: #"{"member":{"phone":"010-1234-5678"},"code":"123456","action":{"collectStamps":1}}"#)
        #expect(noKey.code == "missing_idempotency_key")

        // A key file that holds no key stops the start, as a wrong setting does.
        #expect(try await daemon.stop() == 0)
        try FileManager.default.createDirectory(atPath: (missing as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "not a key\n".write(toFile: missing, atomically: true, encoding: .utf8)
        let started = await #expect(throws: DaemonHarnessError.self) { try await daemon.restart() }
        #expect(started.map { "\($0)" }?.contains("Base64") == true)
    }
}
}
