import Foundation
import SyncWire
import Testing
import TestImages
@testable import PosAgentCentral

/// The chain's marketing set: `posagent-central marketing` over a real database, checked images only,
/// and serve handing the set and each file to the shops' agents, each shop only with its own token.
@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct ChainImagesTests {
    private static func folder() throws -> URL {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-chain-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func file(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let file = directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @Test func theCommandsKeepCheckedImagesInOrderAndServeGivesThemToTheShops() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = TestImages.png(width: 120, height: 133)
        let jpeg = try TestImages.jpeg(width: 64, height: 71, in: directory)
        try await TestDatabase.with { database in
            let added = try await runCentral(database, ["marketing", "add", try Self.file(png, "event.png", in: directory),
                                                        "--title", "이번 주 이벤트", "--until", "2099-12-31"])
            #expect(added.status == 0, "\(added.errors)")
            #expect(added.output.contains(ChainImages.sha256(png)) && added.output.contains("png 120×133"), "\(added.output)")
            #expect(added.errors.contains("638 × 708"), "a note on the tablet's size")
            let second = try await runCentral(database, ["marketing", "add", try Self.file(jpeg, "benefit.jpg", in: directory)])
            #expect(second.status == 0, "\(second.errors)")
            let again = try await runCentral(database, ["marketing", "add", try Self.file(png, "again.png", in: directory)])
            #expect(again.status != 0 && again.errors.contains("already"), "\(again.errors)")

            let ordered = try await runCentral(database, ["marketing", "order", ChainImages.sha256(jpeg)])
            #expect(ordered.status == 0, "\(ordered.errors)")
            let lines = ordered.output.split(separator: "\n")
            #expect(lines.count == 2 && lines.first?.contains(ChainImages.sha256(jpeg)) == true, "\(ordered.output)")

            let tokens = try await database.client { client in
                let directory = StoreDirectory(client: client, logger: database.logger)
                return (try await directory.add(id: "s1", name: "s1").text, try await directory.add(id: "s2", name: "s2").text)
            }
            let serve = try ServeProcess(database)
            let listed = try await serve.get("/v1/stores/s1/marketing", token: tokens.0)
            #expect(listed.status == 200)
            let set = try JSONDecoder().decode(ChainMarketingSet.self, from: listed.body)
            #expect(set.images.map(\.sha256) == [ChainImages.sha256(jpeg), ChainImages.sha256(png)])
            #expect(set.images.last?.title == "이번 주 이벤트" && set.images.last?.until == "2099-12-31" && set.images.last?.from == nil)
            let file = try await serve.get("/v1/stores/s1/marketing/images/\(ChainImages.sha256(png))", token: tokens.0)
            #expect(file.status == 200 && Array(file.body) == png, "the bytes added, as they were")
            #expect(try await serve.get("/v1/stores/s1/marketing/images/\(String(repeating: "0", count: 64))", token: tokens.0).status == 404)
            #expect(try await serve.get("/v1/stores/s1/marketing", token: tokens.1).status == 403, "another shop's token")
            #expect(try await serve.get("/v1/stores/s1/marketing", token: "nonsense").status == 401)

            let removed = try await runCentral(database, ["marketing", "remove", ChainImages.sha256(jpeg)])
            #expect(removed.status == 0, "\(removed.errors)")
            let after = try JSONDecoder().decode(ChainMarketingSet.self, from: try await serve.get("/v1/stores/s2/marketing", token: tokens.1).body)
            #expect(after.images.map(\.sha256) == [ChainImages.sha256(png)])
            let list = try await runCentral(database, ["marketing", "list"])
            #expect(list.output.hasPrefix("1\t\(ChainImages.sha256(png))"), "renumbered from 1: \(list.output)")
        }
    }

    @Test func whatAShopWouldRefuseIsRefusedHereAndNothingIsStored() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truncated = Array(TestImages.png(width: 20, height: 20).dropLast(12))
        let oversized = TestImages.png(width: 638, height: 708)  // stored blocks: 1.3 MiB
        try await TestDatabase.with { database in
            let cases: [(String, [String], String)] = [
                ("text", [try Self.file(Array("not an image".utf8), "lies.png", in: directory)], "neither a JPEG nor a PNG"),
                ("truncated", [try Self.file(truncated, "cut.png", in: directory)], "damaged"),
                ("oversized", [try Self.file(oversized, "big.png", in: directory)], "1 MiB"),
                ("days", [try Self.file(TestImages.png(width: 5, height: 5), "d.png", in: directory), "--from", "2026-12-31", "--until", "2026-12-01"], "after --until"),
                ("no day", [try Self.file(TestImages.png(width: 6, height: 6), "e.png", in: directory), "--from", "2026-02-30"], "is not a day"),
                ("missing", [directory.appendingPathComponent("absent.png").path], "cannot read"),
            ]
            for (name, arguments, message) in cases {
                let run = try await runCentral(database, ["marketing", "add"] + arguments)
                #expect(run.status != 0, "\(name)")
                #expect(run.errors.contains(message), "\(name): \(run.errors)")
            }
            let unknown = try await runCentral(database, ["marketing", "remove", String(repeating: "a", count: 64)])
            #expect(unknown.status != 0 && unknown.errors.contains("has no image"), "\(unknown.errors)")
            #expect(try await runCentral(database, ["marketing", "list"]).output.isEmpty, "nothing stored")
        }
    }
}
