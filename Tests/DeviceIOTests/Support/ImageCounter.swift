import Foundation
import TestImages
@testable import DeviceIO

/// The agent's end and a virtual tablet over a pty, with real image files to send: what the image transfer
/// tests share. A replug is a new tablet on the same folder and a new connection.
final class ImageCounter: Sendable {
    let tablet: VirtualTablet
    let connection: TabletConnection
    let events = Inbox<TabletEvent>()
    let screens = Inbox<AgentMessage>()
    private let runs: [Task<Void, any Error>]

    init(takesImages: Bool = true, folder: URL? = nil) async throws {
        let link = TabletLink<AgentMessage, TabletMessage>.Configuration(ackTimeout: .seconds(1))
        tablet = try VirtualTablet(configuration: .init(
            heartbeatInterval: .milliseconds(500), link: .init(ackTimeout: .seconds(1)), takesImages: takesImages, imageFolder: folder?.path))
        let port = try SerialPort.open(path: tablet.devicePath, settings: SerialSettings(baud: 115200))
        connection = TabletConnection(port: port, configuration: .init(link: link, helloInterval: .milliseconds(500), heartbeatTimeout: .seconds(10)))
        let tablet = tablet
        let connection = connection
        runs = [Task { try await connection.run() }, Task { try await tablet.run() }]
        events.collect(connection.events)
        screens.collect(tablet.screens)
        if case .present = try await events.next(within: .seconds(10), "presence") {} else { throw Inbox<TabletEvent>.TimedOut(description: "no presence") }
        _ = try await screens.next(within: .seconds(10), "hello")
    }

    /// Unplugs the tablet and stops the connection.
    func unplug() {
        tablet.close()
        runs.forEach { $0.cancel() }
    }

    deinit { unplug() }

    /// Waits until `condition` holds, guarding only against a hang.
    func waitUntil(_ what: String, within limit: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw Inbox<TabletEvent>.TimedOut(description: "not \(what) within \(limit)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until the tablet holds every image whole.
    func waitUntilHeld(_ images: [TabletImage]) async throws {
        try await waitUntil("holding \(images.count) images") {
            let held = await tablet.holdings?.images ?? []
            return images.allSatisfy { held.contains($0.sha256) }
        }
    }

    /// Every screen that arrived until one matches, that one included.
    func screens(through match: (AgentMessage) -> Bool) async throws -> [AgentMessage] {
        var seen: [AgentMessage] = []
        while true {
            let screen = try await screens.next(within: .seconds(60), "a screen")
            seen.append(screen)
            if match(screen) { return seen }
        }
    }
}

/// Image files in a temporary folder, described as the agent hands them to the tablet.
struct ImageFiles {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("posagent-images-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A PNG of stored (uncompressed) blocks: width × height × 3 bytes and a little more.
    func png(_ title: String, width: Int, height: Int, rgb: (UInt8, UInt8, UInt8) = (200, 40, 40)) throws -> TabletImage {
        try keep(TestImages.png(width: width, height: height, rgb: rgb), title: title, format: "png", width: width, height: height)
    }

    func jpeg(_ title: String, width: Int, height: Int) throws -> TabletImage {
        try keep(TestImages.jpeg(width: width, height: height, in: folder), title: title, format: "jpeg", width: width, height: height)
    }

    func keep(_ bytes: [UInt8], title: String, format: String, width: Int, height: Int, sha256: String? = nil) throws -> TabletImage {
        let sha256 = sha256 ?? ImageKeeper.sha256(bytes)
        let file = folder.appendingPathComponent("\(UUID().uuidString).\(format)")
        try Data(bytes).write(to: file)
        return TabletImage(sha256: sha256, title: title, format: format, width: width, height: height, size: bytes.count, path: file.path)
    }

    func bytes(_ image: TabletImage) -> [UInt8] {
        Array(FileManager.default.contents(atPath: image.path) ?? Data())
    }

    func chunks(_ image: TabletImage) -> Int { (image.size + ImageChunk.maxBytes - 1) / ImageChunk.maxBytes }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
