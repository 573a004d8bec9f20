import Foundation
import Testing

/// Managers, id-and-PIN approval at the counter and the audit log, on the real daemon through its socket.
/// "Cashiers" are uid 65534 in group `users`, as in DaemonAPITests; root is a manager by peer credentials.
extension DaemonSuites {
@Suite(.serialized) struct DaemonManagerTests {
    let accrual = #"{"member":{"phone":"010-1234-5678"},"payment":50000}"#
    let conversion = #"{"member":{"phone":"010-1234-5678"},"points":500,"reason":"apology"}"#
    let kim = ["X-Manager-Id: kim", "X-Manager-Pin: kim-pin-1"]

    @Test func theFirstManagerIsRegisteredByRootAndThenApprovesCashiersWork() async throws {
        let daemon = try await DaemonHarness.launch()
        func posagent(_ arguments: [String], input: String? = nil, as identity: DaemonHarness.Identity = .root) async throws -> CommandResult {
            try await PosAgentProcess.run(arguments + ["--socket", daemon.socket], input: input, as: identity)
        }
        #expect(try await daemon.request("POST", "/v1/accruals", body: accrual, key: "a1", as: .cashier).status == 200)

        // Before any manager is registered, id and PIN are refused and the answer says why.
        let early = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "c0", headers: kim, as: .cashier)
        #expect(early.status == 403, "\(early.body)")
        #expect(early.code == "no_managers")
        #expect(early.body.contains("no manager is registered"))
        let bare = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "c0", as: .cashier)
        #expect(bare.code == "forbidden")
        #expect(bare.body.contains("no manager is registered"))
        let cashierBootstraps = try await daemon.request(
            "POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#, as: .cashier)
        #expect(cashierBootstraps.status == 403)

        let added = try await posagent(["manager", "add", "Kim", "--email", "kim@example.com", "--pin-stdin"], input: "kim-pin-1\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added manager kim (kim@example.com), the master."))
        let list = try await posagent(["manager", "list", "--json"])
        let managers = try list.json()["managers"] as? [[String: Any]]
        #expect(managers?.count == 1)
        #expect(managers?.first?["master"] as? Bool == true)
        #expect(!list.stdout.contains("kim-pin-1") && !list.stdout.contains("salt") && !list.stdout.contains("hash"),
                "the list never shows PINs or hashes")

        // A cashier's conversion with the manager's id and PIN: done, and recorded as the manager's.
        let converted = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "c1", headers: kim, as: .cashier)
        #expect(converted.status == 200, "\(converted.body)")
        let convertedTransaction = try converted.json()["transaction"] as? [String: Any]
        #expect(convertedTransaction?["actor"] as? String == "kim (manager PIN, uid 65534)")
        let conversionID = convertedTransaction?["id"] as? Int

        // The same through the CLI, as the cashier account: a cancellation approved with --manager.
        let cancelled = try await posagent(["cancel", "\(conversionID ?? 0)", "--reason", "typo", "--manager", "kim", "--pin-stdin", "--json"],
                                           input: "kim-pin-1\n", as: .cashier)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect((try cancelled.json()["transaction"] as? [String: Any])?["actor"] as? String == "kim (manager PIN, uid 65534)")
        let unapproved = try await posagent(["cancel", "1", "--reason", "typo"], as: .cashier)
        #expect(unapproved.status == 77)
        #expect(unapproved.stderr.contains("--manager ID"))

        let unmasked = try await daemon.request("GET", "/v1/transactions?range=all&unmasked=true", headers: kim, as: .cashier)
        #expect(unmasked.status == 200)
        #expect(unmasked.body.contains("01012345678"))
        let csv = try await posagent(["history", "--csv", "--manager", "kim", "--pin-stdin"], input: "kim-pin-1\n", as: .cashier)
        #expect(csv.stdout.contains(",01012345678,"), "\(csv.stderr)")

        let audit = try await daemon.request("GET", "/v1/audit", headers: kim, as: .cashier)
        #expect(audit.status == 200, "\(audit.body)")
        let entries = try audit.json()["entries"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["action"] as? String } == ["csv_export", "unmasked_phones", "cancellation", "conversion", "manager_added"])
        #expect(entries[3]["transactionID"] as? Int == conversionID)
        #expect(entries[3]["manager"] as? String == "kim")
        #expect(entries[3]["caller"] as? String == "nobody (uid 65534)")
        #expect(entries[4]["caller"] as? String == "root (uid 0)")
        let cashierAudit = try await daemon.request("GET", "/v1/audit", as: .cashier)
        #expect(cashierAudit.status == 403)

        let printed = try await posagent(["audit"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("conversion"))
        #expect(printed.stdout.contains("manager_added"))
        #expect(!daemon.log().contains("kim-pin-1"), "the daemon never logs a PIN")
    }

    @Test func fiveWrongPINsLockAManagerEvenAcrossARestart() async throws {
        let daemon = try await DaemonHarness.launch()
        let registered = try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#)
        #expect(registered.status == 201, "\(registered.body)")
        let wrong = ["X-Manager-Id: kim", "X-Manager-Pin: guess-0000"]
        for remaining in [4, 3, 2, 1] {
            let reply = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "w\(remaining)", headers: wrong, as: .cashier)
            #expect(reply.status == 403, "\(reply.body)")
            #expect(reply.code == "wrong_pin")
            #expect(try reply.json()["remainingAttempts"] as? Int == remaining)
            #expect(!reply.body.contains("guess-0000"))
        }
        let fifth = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "w0", headers: wrong, as: .cashier)
        #expect(fifth.status == 423, "\(fifth.body)")
        #expect(fifth.code == "manager_locked")
        let lockedUntil = try fifth.json()["lockedUntil"] as? String
        #expect(lockedUntil?.hasSuffix("+09:00") == true, "in the store's time zone: \(fifth.body)")

        let right = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "r1", headers: kim, as: .cashier)
        #expect(right.status == 423)
        #expect(try right.json()["lockedUntil"] as? String == lockedUntil)

        #expect(try await daemon.stop() == 0)
        try await daemon.restart()
        let afterRestart = try await daemon.request("POST", "/v1/conversions", body: conversion, key: "r2", headers: kim, as: .cashier)
        #expect(afterRestart.status == 423, "\(afterRestart.body)")
        let cli = try await PosAgentProcess.run(
            ["convert", "--phone", "010-1234-5678", "--points", "500", "--reason", "apology", "--manager", "kim", "--pin-stdin",
             "--socket", daemon.socket], input: "kim-pin-1\n", as: .cashier)
        #expect(cli.status == 75, "\(cli.stderr)")
        #expect(cli.stderr.contains("locked"))

        let history = try await daemon.request("GET", "/v1/transactions?range=all")
        #expect((try history.json()["transactions"] as? [Any])?.count == 0, "nothing was converted")
        let audit = try await daemon.request("GET", "/v1/audit")
        let actions = (try audit.json()["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(actions == ["refused_while_locked", "refused_while_locked", "refused_while_locked", "manager_locked",
                            "wrong_pin", "wrong_pin", "wrong_pin", "wrong_pin", "manager_added"])
        let list = try await daemon.request("GET", "/v1/managers")
        #expect(((try list.json()["managers"] as? [[String: Any]])?.first?["lockedUntil"] as? String) == lockedUntil)
    }

    @Test func onlyTheMasterManagesManagersAndCanHandTheRoleOver() async throws {
        let daemon = try await DaemonHarness.launch()
        func posagent(_ arguments: [String], input: String? = nil) async throws -> CommandResult {
            try await PosAgentProcess.run(arguments + ["--socket", daemon.socket], input: input, as: .cashier)
        }
        #expect(try await daemon.request("POST", "/v1/managers", body: #"{"id":"kim","email":"kim@example.com","pin":"kim-pin-1"}"#).status == 201)
        let addLee = try await posagent(["manager", "add", "lee", "--email", "lee@example.com", "--manager", "kim", "--pin-stdin"],
                                        input: "kim-pin-1\nlee-pin-1\n")
        #expect(addLee.status == 0, "\(addLee.stderr)")
        let lee = ["X-Manager-Id: lee", "X-Manager-Pin: lee-pin-1"]
        let park = #"{"id":"park","email":"park@example.com","pin":"park-pin-1"}"#

        let byLee = try await daemon.request("POST", "/v1/managers", body: park, headers: lee, as: .cashier)
        #expect(byLee.status == 403)
        #expect(byLee.code == "master_required")
        let byRoot = try await daemon.request("POST", "/v1/managers", body: park)
        #expect(byRoot.code == "master_required", "root is a manager, not the master")
        #expect(try await daemon.request("DELETE", "/v1/managers/kim", headers: lee, as: .cashier).code == "master_required")
        let removeMaster = try await daemon.request("DELETE", "/v1/managers/kim", headers: kim, as: .cashier)
        #expect(removeMaster.status == 409)
        #expect(removeMaster.code == "master_not_removable")
        #expect(try await daemon.request("DELETE", "/v1/managers/nobody", headers: kim, as: .cashier).status == 404)
        let duplicate = try await daemon.request("POST", "/v1/managers", body: #"{"id":"LEE","email":"lee@example.com","pin":"lee-pin-9"}"#,
                                                 headers: kim, as: .cashier)
        #expect(duplicate.code == "manager_exists")
        let badEmail = try await daemon.request("POST", "/v1/managers", body: #"{"id":"park","email":"park","pin":"park-pin-1"}"#,
                                                headers: kim, as: .cashier)
        #expect(badEmail.status == 422)
        #expect(badEmail.code == "invalid_email")

        let handover = try await posagent(["manager", "transfer-master", "lee", "--manager", "kim", "--pin-stdin"], input: "kim-pin-1\n")
        #expect(handover.status == 0, "\(handover.stderr)")
        #expect(try await daemon.request("POST", "/v1/managers", body: park, headers: kim, as: .cashier).code == "master_required")
        #expect(try await daemon.request("POST", "/v1/managers", body: park, headers: lee, as: .cashier).status == 201)
        let removeKim = try await posagent(["manager", "remove", "kim", "--manager", "lee", "--pin-stdin"], input: "lee-pin-1\n")
        #expect(removeKim.status == 0, "\(removeKim.stderr)")

        let passwd = try await posagent(["manager", "passwd", "park", "--pin-stdin"], input: "park-pin-1\npark-pin-2\n")
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let oldPIN = ["X-Manager-Id: park", "X-Manager-Pin: park-pin-1"]
        #expect(try await daemon.request("GET", "/v1/managers", headers: oldPIN, as: .cashier).code == "wrong_pin")
        let list = try await posagent(["manager", "list", "--manager", "park", "--pin-stdin"], input: "park-pin-2\n")
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { Array($0.prefix(3)) } == [["lee", "lee@example.com", "master"], ["park", "park@example.com", "manager"]])

        let audit = try await daemon.request("GET", "/v1/audit?limit=3")
        let page = try audit.json()
        #expect((page["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == ["wrong_pin", "pin_changed", "manager_removed"])
        let cursor = try #require(page["nextCursor"] as? String)
        let older = try await daemon.request("GET", "/v1/audit?limit=3&cursor=\(cursor)")
        #expect((try older.json()["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
                == ["manager_added", "master_transferred", "manager_added"])
    }

    @Test func thePINIsAskedOnTheTerminalWithoutEcho() async throws {
        let daemon = try await DaemonHarness.launch()
        let session = try TerminalSession(PosAgentProcess.binary.path,
                                          ["manager", "add", "kim", "--email", "kim@example.com", "--socket", daemon.socket])
        try await offPool {
            try session.waitFor("new PIN for kim: ")
            session.type("typed-pin-5150\n")
            try session.waitFor("Again, to confirm: ")
            session.type("typed-pin-5150\n")
            try session.waitFor("the master.")
        }
        #expect(try await offPool { session.exitStatus() } == 0)
        #expect(!session.output.contains("typed-pin-5150"), "the terminal showed the PIN: \(session.output)")
        let check = try await daemon.request("GET", "/v1/managers", headers: ["X-Manager-Id: kim", "X-Manager-Pin: typed-pin-5150"], as: .cashier)
        #expect(check.status == 200, "\(check.body)")

        let mismatch = try TerminalSession(PosAgentProcess.binary.path,
                                           ["manager", "passwd", "kim", "--socket", daemon.socket])
        try await offPool {
            try mismatch.waitFor("PIN of manager kim: ")
            mismatch.type("typed-pin-5150\n")
            try mismatch.waitFor("new PIN for kim: ")
            mismatch.type("first-choice\n")
            try mismatch.waitFor("Again, to confirm: ")
            mismatch.type("second-choice\n")
            try mismatch.waitFor("differ")
        }
        #expect(try await offPool { mismatch.exitStatus() } != 0)
        #expect(!mismatch.output.contains("choice"))
    }
}
}
