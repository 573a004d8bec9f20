import Foundation
import Testing

/// Runs the built `posagent` binary as a shop's admin would, on a ledger in a temporary directory.
@Suite struct CommandLineTests {
    let directory: URL
    var database: String { directory.appendingPathComponent("ledger.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func ledger(_ arguments: String...) async throws -> CommandResult {
        try await PosAgentProcess.run(["ledger"] + arguments + ["--database", database])
    }

    @Test func accruesAndPrintsJSONWithTheMaskedPhone() async throws {
        let result = try await ledger("accrue", "--phone", "010-1234-5678", "--amount", "12000", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        let transaction = json["transaction"] as? [String: Any]
        let member = json["member"] as? [String: Any]
        #expect(transaction?["type"] as? String == "accrual")
        #expect(transaction?["points"] as? Int == 120)
        #expect(member?["phone"] as? String == "010-****-5678")
        #expect(!result.stdout.contains("01012345678"))
    }

    @Test func refusalsExitWithDataErrorAndSayWhatIsAllowed() async throws {
        _ = try await ledger("accrue", "--phone", "010-1234-5678", "--amount", "500000")
        let result = try await ledger("use-points", "--phone", "010-1234-5678", "--amount", "10000", "--points", "1050")
        #expect(result.status == 65)
        #expect(result.stderr.contains("points are used in units of 100; use 1000 or 1100"))
        let badPhone = try await ledger("accrue", "--phone", "02-123-4567", "--amount", "1000")
        #expect(badPhone.status == 65)
        #expect(badPhone.stderr.contains("not a Korean mobile number"))
        let unknown = try await ledger("cancel", "99", "--reason", "typo")
        #expect(unknown.status == 66)
    }

    @Test func theSameIdempotencyKeyDoesNotAccrueTwice() async throws {
        for _ in 0..<3 {
            let result = try await ledger("accrue", "--phone", "010-1234-5678", "--amount", "10000", "--idempotency-key", "r-1")
            #expect(result.status == 0)
        }
        let history = try await ledger("history", "--all", "--json")
        let transactions = try history.json()["transactions"] as? [[String: Any]]
        #expect(transactions?.count == 1)
    }

    @Test func historyVerifyAndStatsWorkOnTheSameFile() async throws {
        _ = try await ledger("accrue", "--phone", "010-1234-5678", "--amount", "30000")
        _ = try await ledger("accrue", "--phone", "010-2222-3333", "--amount", "20000")
        _ = try await ledger("cancel", "1", "--reason", "goods returned")
        let history = try await ledger("history")
        #expect(history.status == 0)
        #expect(history.stdout.contains("010-****-3333"))
        #expect(history.stdout.contains("cancelled by 3"))
        #expect(!history.stdout.contains("2222"))
        let verify = try await ledger("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("consistent"))
        let stats = try await ledger("stats", "--json")
        let days = try stats.json()["days"] as? [[String: Any]]
        #expect(days?.last?["cancellations"] as? Int == 1)
    }

    @Test func verifyFailsOnATamperedLedger() async throws {
        _ = try await ledger("accrue", "--phone", "010-1234-5678", "--amount", "30000")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [database, "UPDATE ledger_transaction SET payment = 1"]
        try sqlite.run()
        try await offPool { sqlite.waitUntilExit() }
        let verify = try await ledger("verify")
        #expect(verify.status == 65)
        #expect(verify.stdout.contains("hash_mismatch"))
    }

    @Test func configCheckListsProblemsAndExitsWithConfigError() async throws {
        let file = directory.appendingPathComponent("posagent.toml")
        try "[policy]\nuse_unit = -5\naccural_rate_bp = 3\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await PosAgentProcess.run(["config", "check", file.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("policy.use_unit = -5 is out of range"))
        #expect(result.stderr.contains("did you mean 'accrual_rate_bp'"))
        try "[policy]\nuse_unit = 10\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try await PosAgentProcess.run(["config", "check", file.path]).status == 0)
    }

    @Test func theDemoRunsCleanOnAFreshLedger() async throws {
        let result = try await PosAgentProcess.run(["ledger", "demo", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Refused [below_minimum_use]"))
        #expect(result.stdout.contains("nothing new was written"))
        #expect(result.stdout.contains("Clean: 5 transactions, 2 members."))
    }
}

/// `posagent simulate scanner --keyboard`: a real input device where the machine has uinput, and a
/// clear refusal where it has not.
@Suite struct KeyboardSimulatorCommandTests {
    @Test func aKeyboardScannerIsMadeWithUinputOrRefusedSayingWhy() async throws {
        let result = try await PosAgentProcess.run(["simulate", "scanner", "--keyboard"], input: "8801234567893\nquit\n")
        if FileManager.default.fileExists(atPath: "/dev/uinput") {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("scanner: /dev/input/event"), "\(result.stdout)")
        } else {
            #expect(result.status == 69, "EX_UNAVAILABLE: \(result.stderr)")
            #expect(result.stderr.contains("this machine has no /dev/uinput"))
            #expect(result.stderr.contains("without --keyboard"), "it names what works instead")
            #expect(result.stdout.isEmpty, "no device path is printed for a device that does not exist")
        }
    }

    @Test func serialOnlyOptionsAreRefusedForAKeyboardScanner() async throws {
        let result = try await PosAgentProcess.run(["simulate", "scanner", "--keyboard", "--symbology", "E0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--terminator and --symbology are for a serial scanner"))
    }
}
