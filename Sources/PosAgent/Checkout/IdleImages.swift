import DeviceIO
import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// Keeps the tablets' idle screens rotating the marketing images shown today, in the set's order: after
/// every change a manager makes, and each minute for the images whose days begin or end.
struct IdleImagesService: Service {
    let marketing: MarketingSet
    let hub: DeviceHub
    let secondsPerImage: Int
    let changes: MarketingChanges
    let logger: Logger
    var every: Duration = .seconds(60)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        while true {
                            try await Task.sleep(for: every)
                            changes.changed()
                        }
                    }
                    var pushed: (images: [TabletImage], keeping: Set<String>)?
                    for await _ in changes.stream {
                        guard let set = await showing(), set.images != pushed?.images || set.keeping != pushed?.keeping else { continue }
                        pushed = set
                        await hub.showImages(set.images, keeping: set.keeping, secondsPerImage: secondsPerImage)
                    }
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// The images shown today as the tablet gets them, files on the shelf, and every image of the set (what
    /// a tablet keeps; it deletes the rest); nil when the ledger cannot say.
    private func showing() async -> (images: [TabletImage], keeping: Set<String>)? {
        do {
            let all = try await marketing.images()
            let today = marketing.today()
            let images = all.filter { $0.isShown(on: today) }.map { image in
                TabletImage(sha256: image.sha256, title: image.title, format: image.format.rawValue, width: image.width,
                            height: image.height, size: image.bytes,
                            path: marketing.shelf.url(sha256: image.sha256, format: image.format).path)
            }
            return (images, Set(all.map(\.sha256)))
        } catch {
            logger.warning("could not read the marketing images for the tablet; trying again at the next change", metadata: ["error": "\(error)"])
            return nil
        }
    }
}

/// Rung after a manager changes the marketing set, so the tablets hear of it at once.
final class MarketingChanges: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.yield()
    }

    func changed() { continuation.yield() }
}
