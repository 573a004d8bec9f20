import Foundation
import Testing
import TestImages

/// The marketing images over the real socket: real files uploaded with curl, refusals that keep nothing,
/// the bytes served back, the set's order and visibility, managers only for changes.
extension DaemonSuites {
@Suite(.serialized) struct DaemonMarketingTests {
    @Test func managersAddShowHideOrderAndRemoveImages() async throws {
        let daemon = try await DaemonHarness.launch()
        let png = TestImages.png(width: 200, height: 222)
        let added = try await daemon.upload("/v1/marketing/images?title=%EC%9D%B4%EB%B2%88%20%EC%A3%BC%20%EC%9D%B4%EB%B2%A4%ED%8A%B8",
                                            bytes: png, contentType: "image/png", as: .manager)
        #expect(added.status == 201, "\(added.body)")
        let image = try #require(try added.json()["image"] as? [String: Any])
        #expect(image["title"] as? String == "이번 주 이벤트")
        #expect(image["width"] as? Int == 200 && image["height"] as? Int == 222 && image["format"] as? String == "png")
        let first = try #require(image["id"] as? Int)

        // A JPEG sent as octet-stream: the content says what it is.
        let jpeg = try TestImages.jpeg(width: 64, height: 71, in: URL(fileURLWithPath: daemon.directory.path))
        let second = try await daemon.upload("/v1/marketing/images?until=2099-12-31", bytes: jpeg, contentType: "application/octet-stream", as: .manager)
        #expect(second.status == 201, "\(second.body)")
        let secondID = try #require((try second.json()["image"] as? [String: Any])?["id"] as? Int)

        let content = try await daemon.request("GET", "/v1/marketing/images/\(secondID)/content", as: .cashier)
        #expect(content.status == 200)
        #expect(content.contentType == "image/jpeg")
        let again = try await daemon.upload("/v1/marketing/images", bytes: png, contentType: "image/png", as: .manager)
        #expect(again.status == 409 && again.code == "image_exists", "\(again.body)")

        let hidden = try await daemon.request("POST", "/v1/marketing/images/\(first)/hide", as: .manager)
        #expect((try hidden.json()["image"] as? [String: Any])?["hidden"] as? Bool == true)
        var list = try await daemon.request("GET", "/v1/marketing/images", as: .cashier).json()
        #expect(list["showing"] as? [Int] == [secondID])
        _ = try await daemon.request("POST", "/v1/marketing/images/\(first)/show", as: .manager)
        let ordered = try await daemon.request("PUT", "/v1/marketing/order", body: #"{"ids":[\#(secondID)]}"#, as: .manager)
        #expect(ordered.status == 200, "\(ordered.body)")
        list = try ordered.json()
        #expect(list["showing"] as? [Int] == [secondID, first])

        let removed = try await daemon.request("DELETE", "/v1/marketing/images/\(secondID)", as: .manager)
        #expect(removed.status == 200, "\(removed.body)")
        #expect(try await daemon.request("GET", "/v1/marketing/images/\(secondID)").code == "image_not_found")
        let audit = try await daemon.request("GET", "/v1/audit?limit=20", as: .manager).json()
        let actions = (audit["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
        #expect(actions.filter { $0.hasPrefix("marketing_") }.reversed() == [
            "marketing_image_added", "marketing_image_added", "marketing_image_hidden", "marketing_image_shown",
            "marketing_order_changed", "marketing_image_removed",
        ])
    }

    @Test func theCommandLineManagesTheSet() async throws {
        let daemon = try await DaemonHarness.launch()
        let file = daemon.directory.appendingPathComponent("event.png")
        try Data(TestImages.png(width: 638, height: 300)).write(to: file)
        let added = try await PosAgentProcess.run(["marketing", "add", file.path, "--title", "겨울 이벤트", "--until", "2099-01-31",
                                                   "--socket", daemon.socket])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added image 1: 638 × 300 png"), "\(added.stdout)")
        #expect(added.stdout.contains("scaled"), "a size other than the tablet's is pointed out: \(added.stdout)")
        let notAnImage = daemon.directory.appendingPathComponent("notes.png")
        try Data("shopping list".utf8).write(to: notAnImage)
        let refused = try await PosAgentProcess.run(["marketing", "add", notAnImage.path, "--socket", daemon.socket])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("not_an_image"), "\(refused.stderr)")
        #expect(try await PosAgentProcess.run(["marketing", "hide", "1", "--socket", daemon.socket]).status == 0)
        let list = try await PosAgentProcess.run(["marketing", "list", "--socket", daemon.socket])
        #expect(list.stdout.contains("겨울 이벤트") && list.stdout.contains("hidden") && list.stdout.contains("– 2099-01-31"), "\(list.stdout)")
        let json = try await PosAgentProcess.run(["marketing", "list", "--json", "--socket", daemon.socket]).json()
        #expect((json["images"] as? [[String: Any]])?.first?["hidden"] as? Bool == true)
        #expect(try await PosAgentProcess.run(["marketing", "remove", "1", "--socket", daemon.socket]).status == 0)
        let missing = try await PosAgentProcess.run(["marketing", "show", "1", "--socket", daemon.socket])
        #expect(missing.status == 66 && missing.stderr.contains("image_not_found"), "\(missing.stderr)")
    }

    @Test func badFilesAndCashiersAreRefusedAndNothingIsKept() async throws {
        let daemon = try await DaemonHarness.launch()
        let png = TestImages.png(width: 30, height: 30)
        let cases: [([UInt8], String, Int, String)] = [
            (Array("<html>a page named ad.png</html>".utf8), "image/png", 422, "not_an_image"),
            (Array(png.prefix(png.count - 12)), "image/png", 422, "damaged_image"),
            (TestImages.png(width: 638, height: 708), "image/png", 413, "image_too_large"),
        ]
        for (bytes, type, status, code) in cases {
            let reply = try await daemon.upload("/v1/marketing/images", bytes: bytes, contentType: type, as: .manager)
            #expect(reply.status == status, "\(code): \(reply.body)")
            #expect(reply.code == code, "\(reply.body)")
        }
        let cashier = try await daemon.upload("/v1/marketing/images", bytes: png, contentType: "image/png", as: .cashier)
        #expect(cashier.status == 403, "\(cashier.body)")
        let window = try await daemon.upload("/v1/marketing/images?from=2027-01-02&until=2027-01-01", bytes: png, contentType: "image/png", as: .manager)
        #expect(window.code == "invalid_window", "\(window.body)")
        let list = try await daemon.request("GET", "/v1/marketing/images").json()
        #expect((list["images"] as? [Any])?.isEmpty == true)
        let shelf = daemon.directory.appendingPathComponent("marketing").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: shelf)) ?? []).isEmpty)
    }

    @Test func aStartSweepsShelfFilesNoImageNames() async throws {
        let daemon = try await DaemonHarness.launch()
        let added = try await daemon.upload("/v1/marketing/images", bytes: TestImages.png(width: 20, height: 20), contentType: "image/png", as: .manager)
        let sha256 = try #require((try added.json()["image"] as? [String: Any])?["sha256"] as? String)
        #expect(try await daemon.stop() == 0)
        let shelf = daemon.directory.appendingPathComponent("marketing")
        // What a crash between a file's write and its row's commit leaves.
        try Data(TestImages.png(width: 21, height: 21)).write(to: shelf.appendingPathComponent(String(repeating: "ab", count: 32) + ".png"))
        try Data([1, 2, 3]).write(to: shelf.appendingPathComponent(".\(sha256).cut-short.part"))
        try await daemon.restart()
        let names = try FileManager.default.contentsOfDirectory(atPath: shelf.path)
        #expect(names == ["\(sha256).png"], "\(names)")
    }
}
}
