import Crypto
import Foundation
import Logging
import PostgresNIO
import SyncWire

/// The chain's marketing set in PostgreSQL: the images every shop's tablet rotates while idle, in order.
/// An image is checked as the agents will check it (a whole JPEG or PNG within the limits) before it is
/// stored, so a shop never refuses what the chain added.
struct ChainImages: Sendable {
    struct Image: Sendable, Hashable {
        var sha256: String
        var format: ImageFormat
        var bytes: Int
        var width: Int
        var height: Int
        var title: String
        var from: String?
        var until: String?
        var position: Int
    }

    let client: PostgresClient
    let logger: Logger

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Checks and stores an image, last in the order.
    func add(_ bytes: [UInt8], title: String, from: String?, until: String?) async throws -> Image {
        guard bytes.count <= ImageFacts.maxBytes else {
            throw CentralError(.invalidImage, "this image has \(bytes.count) bytes; the shops keep images of at most \(ImageFacts.maxBytes) bytes (1 MiB): save it smaller (\(ImageFacts.recommendedWidth) × \(ImageFacts.recommendedHeight) px fills the tablet)")
        }
        let facts: ImageFacts
        do {
            facts = try ImageFacts.inspect(bytes)
        } catch {
            throw CentralError(.invalidImage, error.message)
        }
        guard let title = ImageTitle.checked(title) else { throw CentralError(.invalidImage, ImageTitle.rule) }
        let period = try ReportPeriod(from: from, until: until)
        let sha256 = Self.sha256(bytes)
        let format = facts.format.rawValue, width = facts.width, height = facts.height, content = ByteBuffer(bytes: bytes)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            // One writer at a time decides the next position and the count.
            try await connection.query("LOCK TABLE chain_image IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            let existing = try await connection.query("SELECT position FROM chain_image WHERE sha256 = \(sha256)", logger: logger)
            for try await position in existing.decode(Int.self) {
                throw CentralError(.invalidImage, "this image is in the chain's set already, at position \(position) (\(sha256))")
            }
            var count = 0, last = 0
            for try await (rows, highest) in try await connection.query(
                "SELECT count(*)::int, coalesce(max(position), 0)::int FROM chain_image", logger: logger).decode((Int, Int).self) {
                count = rows
                last = highest
            }
            guard count < ImageFacts.maxImages else {
                throw CentralError(.invalidImage, "the chain's set holds at most \(ImageFacts.maxImages) images; remove one first (posagent-central marketing remove SHA256)")
            }
            try await connection.query("""
                INSERT INTO chain_image (sha256, format, content, width, height, title, shown_from, shown_until, position)
                VALUES (\(sha256), \(format), \(content), \(width), \(height), \(title), \(period.from)::date, \(period.until)::date, \(last + 1))
                """, logger: logger)
            return Image(sha256: sha256, format: facts.format, bytes: bytes.count, width: width, height: height, title: title,
                         from: period.from, until: period.until, position: last + 1)
        }
    }

    /// The set in order.
    func list() async throws -> [Image] {
        let rows = try await client.query("""
            SELECT sha256, format, octet_length(content), width, height, title, shown_from::text, shown_until::text, position
            FROM chain_image ORDER BY position, sha256
            """, logger: logger)
        var images: [Image] = []
        for try await (sha256, format, bytes, width, height, title, from, until, position)
            in rows.decode((String, String, Int, Int, Int, String, String?, String?, Int).self) {
            images.append(Image(sha256: sha256, format: ImageFormat(rawValue: format) ?? .png, bytes: bytes, width: width,
                                height: height, title: title, from: from, until: until, position: position))
        }
        return images
    }

    /// An image's file, nil when the set has no image of that hash.
    func content(sha256: String) async throws -> (format: ImageFormat, bytes: ByteBuffer)? {
        let rows = try await client.query("SELECT format, content FROM chain_image WHERE sha256 = \(sha256)", logger: logger)
        for try await (format, content) in rows.decode((String, ByteBuffer).self) {
            return (ImageFormat(rawValue: format) ?? .png, content)
        }
        return nil
    }

    /// Takes an image out of the set; the shops drop it at their next fetch.
    func remove(sha256: String) async throws {
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            let removed = try await connection.query("DELETE FROM chain_image WHERE sha256 = \(sha256) RETURNING position", logger: logger)
            var found = false
            for try await _ in removed.decode(Int.self) { found = true }
            guard found else { throw Self.unknown(sha256) }
            try await Self.renumber(connection, first: [], logger: logger)
        }
    }

    /// Puts `hashes` first, in that order; the others follow in the order they had.
    func reorder(_ hashes: [String]) async throws -> [Image] {
        guard !hashes.isEmpty, Set(hashes).count == hashes.count else {
            throw CentralError(.invalidImage, "give the images' sha256 in the order to show them, each once (posagent-central marketing list shows them)")
        }
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            try await Self.renumber(connection, first: hashes, logger: logger)
        }
        return try await list()
    }

    private static func renumber(_ connection: PostgresConnection, first: [String], logger: Logger) async throws {
        var current: [String] = []
        for try await sha256 in try await connection.query(
            "SELECT sha256 FROM chain_image ORDER BY position, sha256 FOR UPDATE", logger: logger).decode(String.self) {
            current.append(sha256)
        }
        if let unknown = first.first(where: { !current.contains($0) }) { throw Self.unknown(unknown) }
        let order = first + current.filter { !first.contains($0) }
        for (index, sha256) in order.enumerated() {
            try await connection.query("UPDATE chain_image SET position = \(index + 1) WHERE sha256 = \(sha256)", logger: logger)
        }
    }

    private static func unknown(_ sha256: String) -> CentralError {
        CentralError(.unknownImage, "the chain's set has no image \(sha256); posagent-central marketing list shows their sha256")
    }
}

extension ChainImages.Image {
    /// As the agents get it (docs/sync-protocol.md).
    var wire: ChainMarketingSet.Image {
        ChainMarketingSet.Image(sha256: sha256, title: title.isEmpty ? nil : title, from: from, until: until)
    }
}
