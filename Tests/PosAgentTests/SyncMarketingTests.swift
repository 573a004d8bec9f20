import Foundation
import Loyalty
import Testing
import TestImages

/// The chain's marketing images from a real HTTP server on loopback: fetched on the sync interval, each
/// image once, checked against its hash, kept in the shop's set beside the shop's own, and following the
/// chain as it changes.
extension DaemonSuites {
@Suite(.serialized) struct SyncMarketingTests {
    func images(_ daemon: DaemonHarness) async throws -> [[String: Any]] {
        try await daemon.request("GET", "/v1/marketing/images", as: .cashier).json()["images"] as? [[String: Any]] ?? []
    }

    func chain(_ daemon: DaemonHarness) async throws -> [[String: Any]] {
        try await images(daemon).filter { $0["origin"] as? String == "central" }
    }

    func write(_ bytes: [UInt8], _ name: String, in daemon: DaemonHarness) throws -> String {
        let file = daemon.directory.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @Test func theChainsSetArrivesBesideTheShopsOwnAndFollowsTheChain() async throws {
        let server = try await CentralServer.launch()
        let daemon = try await DaemonHarness.launch(extraConfiguration: server.syncSection())
        let own = try await daemon.upload("/v1/marketing/images?title=shop", bytes: TestImages.png(width: 30, height: 30),
                                          contentType: "image/png", as: .manager)
        #expect(own.status == 201, "\(own.body)")
        let event = try write(TestImages.png(width: 319, height: 354), "event.png", in: daemon)
        let benefit = try write(try TestImages.jpeg(width: 64, height: 71, in: daemon.directory), "benefit.jpg", in: daemon)
        try await server.inject("""
            {"marketing": [{"file": "\(event)", "title": "이번 주 이벤트", "until": "2099-12-31"}, {"file": "\(benefit)", "title": "member benefit"}]}
            """)
        var held: [[String: Any]] = []
        try await waitUntil("the chain's two images are in the set", timeout: 30) {
            held = try await chain(daemon)
            return held.count == 2
        }
        let all = try await images(daemon)
        #expect(all.map { $0["title"] as? String } == ["이번 주 이벤트", "member benefit", "shop"], "the chain's first, in its order")
        #expect(held.first?["until"] as? String == "2099-12-31" && held.first?["format"] as? String == "png")
        let eventID = try #require(held.first?["id"] as? Int)
        let content = try await daemon.request("GET", "/v1/marketing/images/\(eventID)/content", as: .cashier)
        #expect(content.status == 200 && content.contentType == "image/png")
        let sent = try Data(contentsOf: URL(fileURLWithPath: event))
        let sha256 = ImageShelf.sha256(Array(sent))
        #expect(held.first?["sha256"] as? String == sha256)
        let kept = daemon.directory.appendingPathComponent("marketing/\(sha256).png")
        #expect(try Data(contentsOf: kept) == sent, "the shelf holds the bytes the chain sent")

        // The shop hides the chain's event, may not remove it; the chain drops the benefit and renames the event.
        _ = try await daemon.request("POST", "/v1/marketing/images/\(eventID)/hide", as: .manager)
        let removal = try await daemon.request("DELETE", "/v1/marketing/images/\(eventID)", as: .manager)
        #expect(removal.status == 409 && removal.code == "chain_image", "\(removal.body)")
        try await server.inject(#"{"marketing": [{"file": "\#(event)", "title": "다음 주 이벤트"}]}"#)
        try await waitUntil("the chain's change is applied", timeout: 30) {
            held = try await chain(daemon)
            return held.count == 1 && held.first?["title"] as? String == "다음 주 이벤트"
        }
        #expect(held.first?["hidden"] as? Bool == true, "the shop's hiding is kept")
        #expect(held.first?["until"] is NSNull || held.first?["until"] == nil)
        #expect(try await images(daemon).map { $0["title"] as? String } == ["다음 주 이벤트", "shop"])
        let fetched = try await server.state().imageFetches
        #expect(fetched.count == 2 && Set(fetched).count == 2, "each image is fetched once: \(fetched)")
        let shelf = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.appendingPathComponent("marketing").path)
        #expect(shelf.count == 2, "the dropped image's file is gone: \(shelf)")
        let audit = try await daemon.request("GET", "/v1/audit?limit=50", as: .manager).json()
        let entries = audit["entries"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["action"] as? String == "marketing_image_changed" && ($0["caller"] as? String)?.hasPrefix("sync from ") == true })
        #expect(entries.contains { $0["action"] as? String == "marketing_image_removed" && ($0["caller"] as? String)?.hasPrefix("sync from ") == true })

        let status = try await daemon.request("GET", "/v1/sync").json()["marketing"] as? [String: Any]
        #expect(status?["images"] as? Int == 1 && status?["lastSuccessAt"] is String, "\(String(describing: status))")
    }

    @Test func anImageThatIsNotWhatTheChainSaysIsRefusedAndTheRestArrive() async throws {
        let server = try await CentralServer.launch()
        try await server.inject(#"{"marketing_fail": 2, "status": 503}"#)
        let daemon = try await DaemonHarness.launch(extraConfiguration: server.syncSection())
        let good = try write(TestImages.png(width: 40, height: 40), "good.png", in: daemon)
        let lying = try write(TestImages.png(width: 50, height: 50), "lying.png", in: daemon)
        let text = try write(Array("not an image".utf8), "text.png", in: daemon)
        let wrongHash = String(repeating: "ab", count: 32)
        try await server.inject("""
            {"marketing": [{"file": "\(lying)", "sha256": "\(wrongHash)"}, {"file": "\(text)"}, {"file": "\(good)", "title": "good"},
                           {"file": "\(good)", "sha256": "NOT-HEX"}]}
            """)
        try await waitUntil("the good image arrives", timeout: 30) { try await chain(daemon).count == 1 }
        #expect(try await chain(daemon).first?["title"] as? String == "good")
        let log = daemon.log()
        #expect(log.contains("503 Service Unavailable"), "the failed fetches are logged")
        #expect(log.contains(wrongHash) && log.contains("another SHA-256"), "the lying image is refused by name")
        #expect(log.contains("neither a JPEG nor a PNG"), "the text file is refused")
        let shelf = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.appendingPathComponent("marketing").path)
        #expect(shelf.count == 1, "nothing refused is kept: \(shelf)")
    }

    @Test func marketingFalseFetchesNothing() async throws {
        let server = try await CentralServer.launch()
        let good = FileManager.default.temporaryDirectory.appendingPathComponent("pa-\(UUID().uuidString).png")
        try Data(TestImages.png(width: 40, height: 40)).write(to: good)
        defer { try? FileManager.default.removeItem(at: good) }
        try await server.inject(#"{"marketing": [{"file": "\#(good.path)"}]}"#)
        let daemon = try await DaemonHarness.launch(extraConfiguration: server.syncSection() + "\nmarketing = false\n")
        try await Task.sleep(for: .seconds(3))  // three sync intervals
        #expect(try await chain(daemon).isEmpty)
        #expect(try await server.state().imageFetches.isEmpty)
        #expect(try await daemon.request("GET", "/v1/sync").json()["marketing"] == nil)
    }
}
}
