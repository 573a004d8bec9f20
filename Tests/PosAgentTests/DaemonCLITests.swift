import Foundation
import Testing

/// The `posagent` commands that go through the running daemon's socket.
extension DaemonSuites {
@Suite(.serialized) struct DaemonCLITests {
    @Test func theCounterCommandsWorkThroughTheDaemon() async throws {
        let daemon = try await DaemonHarness.launch()
        func posagent(_ arguments: String...) async throws -> CommandResult {
            try await PosAgentProcess.run(arguments + ["--socket", daemon.socket])
        }
        let accrued = try await posagent("accrue", "--phone", "010-1234-5678", "--amount", "50000", "--json")
        #expect(accrued.status == 0, "\(accrued.stderr)")
        #expect((try accrued.json()["member"] as? [String: Any])?["points"] as? Int == 500)

        let refused = try await posagent("use-points", "--phone", "010-1234-5678", "--amount", "10000", "--points", "150")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("at least 1000 points must be used at once"))

        let noTablet = try await posagent("accrue", "--amount", "5000")
        #expect(noTablet.status == 69)
        #expect(noTablet.stderr.contains("no customer tablet is attached"))

        let history = try await posagent("history")
        #expect(history.stdout.contains("010-****-5678"))
        #expect(!history.stdout.contains("1234"))
        let csv = try await posagent("history", "--csv")
        #expect(csv.stdout.contains(",01012345678,"))

        #expect(try await posagent("cancel", "1", "--reason", "goods returned").status == 0)
        #expect(try await posagent("verify").stdout.contains("consistent"))
        #expect(try await posagent("status").stdout.contains("upload queue: 2 transactions"))
        #expect(try await posagent("stats", "--json").status == 0)
    }

    @Test func aDaemonThatIsNotRunningIsSaidPlainly() async throws {
        let result = try await PosAgentProcess.run(["status", "--socket", "/tmp/posagent-nowhere.sock"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("is it running"))
    }
}
}
