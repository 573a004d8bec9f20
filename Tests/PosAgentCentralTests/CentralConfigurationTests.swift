import Foundation
import Testing
@testable import PosAgentCentral

/// `central.toml`'s `[database] connect_timeout_seconds`: its default, a value in range, and a value out of
/// range refused with the key named.
struct CentralConfigurationTests {
    private func load(_ text: String) throws -> CentralConfiguration {
        let file = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-central-\(UUID().uuidString.prefix(8)).toml")
        try text.write(to: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try CentralConfiguration.load(file.path)
    }

    @Test func serveWaitsTenSecondsForADatabaseConnectionUnlessTold() throws {
        #expect(try load("[database]\nname = \"chain\"\n").database.connectTimeoutSeconds == 10)
        #expect(try load("[database]\nconnect_timeout_seconds = 3\n").database.connectTimeoutSeconds == 3)
    }

    @Test(arguments: ["0", "301", "\"10\"", "2.5"])
    func aTimeoutOutOfRangeIsRefusedByName(value: String) throws {
        let error = #expect(throws: CentralError.self) { try load("[database]\nconnect_timeout_seconds = \(value)\n") }
        #expect(error?.description.contains("database.connect_timeout_seconds must be a whole number of seconds from 1 to 300") == true,
                "\(String(describing: error))")
    }
}
