import Foundation
import Testing
@testable import PosAgent

/// What the package installs as /etc/posagent/posagent.toml: every key the daemon knows, commented out
/// at its default.
@Suite struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let defaultConfiguration = repository.appendingPathComponent("systemd/posagent.toml")

    @Test func configCheckPassesOnTheShippedConfiguration() async throws {
        let result = try await PosAgentProcess.run(["config", "check", Self.defaultConfiguration.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("is valid"))
    }

    @Test func everyCommentedKeyIsAtItsDefault() throws {
        let text = try String(contentsOf: Self.defaultConfiguration, encoding: .utf8)
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.wholeMatch(of: /#([a-z_]+ = .*)/).map { String($0.1) } ?? String(line)
        }.joined(separator: "\n")
        #expect(uncommented != text)
        #expect(try AgentConfiguration.parse(uncommented, file: "posagent.toml") == AgentConfiguration())
    }

    @Test func theDeviceExamplesAreTheUdevRoles() throws {
        let text = try String(contentsOf: Self.defaultConfiguration, encoding: .utf8)
        let examples = text.split(separator: "\n").compactMap { $0.wholeMatch(of: /## ?(.*)/).map { String($0.1) } }
        let configuration = try AgentConfiguration.parse(examples.joined(separator: "\n"), file: "posagent.toml")
        #expect(configuration.devices.map(\.role.rawValue) == ["scanner", "scanner", "tablet"])
        #expect(configuration.devices.map(\.kind) == [.serial, .keyboard, .serial])
        #expect(configuration.devices.map { $0.match["POSAGENT_ROLE"] } == ["scanner", "scanner", "tablet"])
        let rules = try String(contentsOf: Self.repository.appendingPathComponent("systemd/90-posagent.rules"), encoding: .utf8)
        for role in ["scanner", "tablet"] {
            #expect(rules.contains(#"ENV{POSAGENT_ROLE}="\#(role)""#))
            #expect(rules.contains(#"SYMLINK+="posagent/\#(role)""#))
        }
        #expect(rules.contains(#"SYMLINK+="posagent/scanner-kbd""#), "a keyboard scanner's input node gets its own link")
        let unit = try String(contentsOf: Self.repository.appendingPathComponent("systemd/posagent.service"), encoding: .utf8)
        #expect(unit.contains("DeviceAllow=char-input r\n"), "the unit lets the daemon read input nodes, not write them")
    }

    /// docs/configuration.md is the reference: each key in its tables is in the file, with its default.
    @Test func everyDocumentedKeyIsInTheShippedConfiguration() throws {
        let text = try String(contentsOf: Self.defaultConfiguration, encoding: .utf8)
        let reference = try String(contentsOf: Self.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        var checked = 0
        for row in reference.split(separator: "\n") {
            guard let match = row.firstMatch(of: /^\| `([a-z_]+)` \| `([^`]*)` \|/) else { continue }
            checked += 1
            #expect(text.contains("#\(match.1) = \(match.2)\n"), "\(match.1) is missing or not at its default \(match.2)")
        }
        #expect(checked >= 20)
    }
}
