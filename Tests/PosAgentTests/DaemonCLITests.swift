import Foundation
import Testing

/// The `posagent` commands that go through the running daemon's socket.
@Suite(.serialized) struct DaemonCLITests {
    @Test func theCounterCommandsWorkThroughTheDaemon() throws {
        let daemon = try DaemonHarness()
        func posagent(_ arguments: String...) throws -> CommandResult {
            try PosAgentProcess.run(arguments + ["--socket", daemon.socket])
        }
        let accrued = try posagent("accrue", "--phone", "010-1234-5678", "--amount", "50000", "--json")
        #expect(accrued.status == 0, "\(accrued.stderr)")
        #expect((try accrued.json()["member"] as? [String: Any])?["points"] as? Int == 500)

        let refused = try posagent("use-points", "--phone", "010-1234-5678", "--amount", "10000", "--points", "150")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("at least 1000 points must be used at once"))

        let noTablet = try posagent("accrue", "--amount", "5000")
        #expect(noTablet.status == 69)
        #expect(noTablet.stderr.contains("no customer tablet is attached"))

        let history = try posagent("history")
        #expect(history.stdout.contains("010-****-5678"))
        #expect(!history.stdout.contains("1234"))
        let csv = try posagent("history", "--csv")
        #expect(csv.stdout.contains(",01012345678,"))

        #expect(try posagent("cancel", "1", "--reason", "goods returned").status == 0)
        #expect(try posagent("verify").stdout.contains("consistent"))
        #expect(try posagent("status").stdout.contains("upload queue: 2 transactions"))
        #expect(try posagent("stats", "--json").status == 0)
    }

    @Test func aDaemonThatIsNotRunningIsSaidPlainly() throws {
        let result = try PosAgentProcess.run(["status", "--socket", "/tmp/posagent-nowhere.sock"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("is it running"))
    }
}
