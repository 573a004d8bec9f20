import Foundation
import Loyalty
import Testing
import TestImages

/// The chain's marketing images added with `posagent-central marketing add`, fetched by the real daemon
/// from the real `serve`: the shop's set holds the same bytes, in the chain's order, and drops what the
/// chain removes.
extension DaemonSuites {
@Suite(.enabled(if: PostgresCluster.available, PostgresCluster.unavailable))
struct CentralMarketingTests {
    @Test func imagesAddedCentrallyReachTheShopAndLeaveWithTheChain() async throws {
        let central = try await RealCentral.launch()
        let token = try await central.addStore("mapo-01")
        let png = TestImages.png(width: 100, height: 111)
        let jpeg = try TestImages.jpeg(width: 64, height: 71, in: central.directory)
        let files = [("event.png", png), ("benefit.jpg", jpeg)].map { name, bytes in
            (central.directory.appendingPathComponent(name), bytes)
        }
        for (file, bytes) in files { try Data(bytes).write(to: file) }
        for (file, _) in files {
            let added = try await central.run(["marketing", "add", file.path, "--title", file.deletingPathExtension().lastPathComponent])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let daemon = try await DaemonHarness.launch(extraConfiguration: central.syncSection(store: "mapo-01", token: token))
        var chain: [[String: Any]] = []
        try await waitUntil("the chain's images are in the shop's set", timeout: 30) {
            chain = try await SyncMarketingTests().chain(daemon)
            return chain.count == 2
        }
        #expect(chain.map { $0["title"] as? String } == ["event", "benefit"])
        #expect(chain.map { $0["sha256"] as? String } == [ImageShelf.sha256(png), ImageShelf.sha256(jpeg)])
        let kept = daemon.directory.appendingPathComponent("marketing/\(ImageShelf.sha256(jpeg)).jpg")
        #expect(try Data(contentsOf: kept) == Data(jpeg), "the shop holds the bytes the chain added")

        #expect(try await central.run(["marketing", "remove", ImageShelf.sha256(png)]).status == 0)
        try await waitUntil("the shop drops the removed image", timeout: 30) {
            try await SyncMarketingTests().chain(daemon).map { $0["title"] as? String } == ["benefit"]
        }
    }
}
}
