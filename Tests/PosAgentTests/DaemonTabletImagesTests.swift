import DeviceIO
import Foundation
import Synchronization
import Testing
import TestImages

/// The marketing set on the tablet through the real daemon: images added over the socket reach the virtual
/// tablet byte for byte, its idle screen rotates the set's shown ones in order, a checkout's prompt goes
/// before the transfer's next chunk, and `posagent status` counts what the tablet holds.
extension DaemonSuites {
@Suite(.serialized) struct DaemonTabletImagesTests {
    typealias Counter = DaemonCheckoutTests.Counter

    /// Every screen the tablet is sent, as it arrives.
    final class ScreenRecord: Sendable {
        private let screens = Mutex<[AgentMessage]>([])
        init(_ stream: AsyncStream<AgentMessage>) {
            Task { for await screen in stream { self.screens.withLock { $0.append(screen) } } }
        }
        var all: [AgentMessage] { screens.withLock { $0 } }
    }

    private func add(_ bytes: [UInt8], title: String, to daemon: DaemonHarness) async throws -> (id: Int, sha256: String) {
        let title = title.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        let added = try await daemon.upload("/v1/marketing/images?title=\(title)", bytes: bytes, contentType: "image/png", as: .manager)
        #expect(added.status == 201, "\(added.body)")
        let image = try #require(try added.json()["image"] as? [String: Any])
        return (try #require(image["id"] as? Int), try #require(image["sha256"] as? String))
    }

    private func shelfFile(_ sha256: String, _ daemon: DaemonHarness, ext: String = "png") -> [UInt8] {
        Array(FileManager.default.contents(atPath: daemon.directory.appendingPathComponent("marketing/\(sha256).\(ext)").path) ?? Data())
    }

    @Test func theTabletRotatesTheShownImagesAndStatusCountsThem() async throws {
        let counter = try await Counter.launch(extraConfiguration: "\n[tablet]\nseconds_per_image = 5\n")
        let daemon = counter.daemon
        let first = try await add(TestImages.png(width: 200, height: 150), title: "겨울 이벤트", to: daemon)
        let second = try await add(TestImages.png(width: 120, height: 80, rgb: (0, 90, 200)), title: "스탬프 두 배", to: daemon)
        try await waitUntil("the tablet rotates both") {
            await counter.tablet.rotation == IdleRotation(images: [first.sha256, second.sha256], secondsPerImage: 5)
        }
        #expect(await counter.tablet.imageBytes(first.sha256) == shelfFile(first.sha256, daemon))
        #expect(await counter.tablet.imageBytes(second.sha256) == shelfFile(second.sha256, daemon))
        #expect(await counter.tablet.heldImage(first.sha256)?.title == "겨울 이벤트")
        let devices = try await daemon.request("GET", "/v1/devices").body
        #expect(devices.contains(#""images":{"held":2,"toSend":0}"#), "\(devices)")
        let status = try await PosAgentProcess.run(["status", "--socket", daemon.socket])
        #expect(status.stdout.contains("tablet images: 2 held, 0 still to send"), "\(status.stdout)")

        _ = try await daemon.request("PUT", "/v1/marketing/order", body: #"{"ids":[\#(second.id)]}"#, as: .manager)
        try await waitUntil("the new order on the tablet") {
            await counter.tablet.rotation?.images == [second.sha256, first.sha256]
        }
        _ = try await daemon.request("POST", "/v1/marketing/images/\(second.id)/hide", as: .manager)
        try await waitUntil("the hidden image out of the rotation") { await counter.tablet.rotation?.images == [first.sha256] }
        _ = try await daemon.request("DELETE", "/v1/marketing/images/\(first.id)", as: .manager)
        try await waitUntil("the removed image out of the rotation") { await counter.tablet.rotation?.images == [] }
        #expect(try await daemon.request("GET", "/v1/devices").body.contains(#""images":{"held":0,"toSend":0}"#))
        // The removed image leaves the tablet too; the hidden one stays there for when it is shown again.
        try await waitUntil("the tablet deleting the removed image") { await counter.tablet.holdings?.images == [second.sha256] }
    }

    @Test func aCheckoutDuringATransferGetsItsPromptBeforeTheNextChunk() async throws {
        let counter = try await Counter.launch()
        let record = ScreenRecord(counter.tablet.screens)
        // Three images of about 1 MiB each (stored PNG blocks): some 1,500 chunks.
        var added: [(id: Int, sha256: String)] = []
        for shade in [UInt8(10), 120, 240] {
            added.append(try await add(TestImages.png(width: 590, height: 590, rgb: (shade, 80, 160)), title: "큰 이미지 \(shade)", to: counter.daemon))
        }
        try await waitUntil("the transfer under way") { await counter.tablet.chunksReceived > 0 }
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":15000}"#, key: "during-transfer")
        _ = try await counter.waitForPrompt(for: reply)
        try await counter.tablet.enter("01012345678")
        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        try await waitUntil("every image on the tablet", timeout: 120) {
            await counter.tablet.holdings?.images.count == 3
        }
        for image in added { #expect(await counter.tablet.imageBytes(image.sha256) == shelfFile(image.sha256, counter.daemon)) }

        let screens = record.all
        let isChunk: (AgentMessage) -> Bool = { if case .chunk = $0 { true } else { false } }
        let promptAt = try #require(screens.firstIndex { if case .prompt = $0 { true } else { false } })
        let idleAfter = try #require(screens[promptAt...].firstIndex { if case .rotation = $0 { true } else { false } })
        #expect(screens[..<promptAt].contains(where: isChunk), "the transfer ran before the checkout")
        #expect(!screens[promptAt..<idleAfter].contains(where: isChunk), "no image frame while the checkout had the tablet")
        #expect(screens[idleAfter...].contains(where: isChunk), "the transfer went on once the tablet was idle again")
        #expect(screens[promptAt..<idleAfter].contains { if case .result = $0 { true } else { false } })
    }

    @Test func aTabletOfBeforeGetsThePlainIdleScreen() async throws {
        let counter = try await Counter.launch(takesImages: false)
        let record = ScreenRecord(counter.tablet.screens)
        _ = try await add(TestImages.png(width: 50, height: 50), title: "", to: counter.daemon)
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":5000}"#, key: "plain-idle")
        _ = try await counter.waitForPrompt(for: reply)
        _ = try await counter.daemon.request("DELETE", "/v1/prompt")
        _ = try await reply.reply()
        try await waitUntil("the idle screen") { record.all.contains(.idle) }
        #expect(!record.all.contains { if case .image = $0 { true } else if case .chunk = $0 { true } else if case .rotation = $0 { true } else { false } })
        let devices = try await counter.daemon.request("GET", "/v1/devices").body
        #expect(!devices.contains(#""images""#), "\(devices)")
    }
}
}
