import Foundation
import TestImages

/// The shop's marketing images as a manager keeps them, through the daemon's socket API: large PNGs added,
/// hidden and shown again, and removed once the tablet holds them, so the benchmark can keep a transfer
/// to the tablet running or have none.
final class CounterMarketing: @unchecked Sendable {
    /// One image of the set: its id in the daemon, its SHA-256 (what the tablet's frames name) and size.
    struct Image: Sendable {
        var id: Int64
        var sha256: String
        var bytes: Int
    }

    /// A stored-block PNG this size is just under the set's 1 MiB limit: 512 chunks of 2048 bytes.
    static let width = 580, height = 600
    /// The size of each image added, so a chunk that ends there ends its image.
    static let imageBytes = TestImages.png(width: width, height: height).count

    private let client: UnixSocketHTTP
    private(set) var images: [Image] = []
    private var made = 0

    init(socketPath: String) {
        client = UnixSocketHTTP(socketPath: socketPath)
    }

    /// Adds `count` images of about 1 MiB, each of its own colour so each is new to the set.
    func add(_ count: Int) async throws {
        for _ in 0..<count {
            made += 1
            let colour = (UInt8(made % 256), UInt8((made * 7) % 256), UInt8((made / 256) % 256))
            let png = TestImages.png(width: Self.width, height: Self.height, rgb: colour)
            let reply = try await offPool { [client] in
                try client.post("/v1/marketing/images?title=bench-\(self.made)", file: png, contentType: "image/png")
            }
            guard reply.status == 201, let image = Self.image(in: reply.body) else {
                throw CounterBenchError("the daemon did not add a marketing image: HTTP \(reply.status) \(reply.body)")
            }
            images.append(image)
        }
    }

    /// Hides every image of the set (the tablet is sent none), or shows them all again.
    func setHidden(_ hidden: Bool) async throws {
        for image in images {
            let path = "/v1/marketing/images/\(image.id)/\(hidden ? "hide" : "show")"
            let reply = try await offPool { [client] in try client.post(path) }
            guard reply.status == 200 else { throw CounterBenchError("POST \(path): HTTP \(reply.status) \(reply.body)") }
        }
    }

    /// Removes images the tablet already holds, keeping the set under its limit of 50.
    func remove(_ sha256s: Set<String>) async throws {
        for image in images where sha256s.contains(image.sha256) {
            let path = "/v1/marketing/images/\(image.id)"
            let reply = try await offPool { [client] in try client.delete(path) }
            guard reply.status == 200 else { throw CounterBenchError("DELETE \(path): HTTP \(reply.status) \(reply.body)") }
        }
        images.removeAll { sha256s.contains($0.sha256) }
    }

    private static func image(in body: String) -> Image? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let image = object["image"] as? [String: Any],
              let id = (image["id"] as? NSNumber)?.int64Value,
              let sha256 = image["sha256"] as? String,
              let bytes = (image["bytes"] as? NSNumber)?.intValue else { return nil }
        return Image(id: id, sha256: sha256, bytes: bytes)
    }
}
