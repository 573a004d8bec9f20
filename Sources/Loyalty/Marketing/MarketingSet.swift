import Foundation
import GRDB
import SyncWire

/// The shop's marketing images: the set a manager manages (add, show, hide, remove, order, every act in
/// the audit log in the same commit) and what the tablet rotates on a given day.
public struct MarketingSet: Sendable {
    public let shelf: ImageShelf
    let database: LedgerDatabase
    let clock: any LedgerClock
    public let timeZone: TimeZone

    /// The most bytes one image may have.
    public static let maxBytes = ImageFacts.maxBytes
    /// The most images the set holds (what a tablet keeps and rotates).
    public static let maxImages = ImageFacts.maxImages

    public init(ledger: Ledger, shelf: ImageShelf) {
        self.shelf = shelf
        database = ledger.database
        clock = ledger.clock
        timeZone = ledger.timeZone
    }

    /// Checks the bytes are a whole JPEG or PNG within the limits, keeps them on the shelf, then lists
    /// them, last in the order. The same bytes twice are refused, naming the image that has them.
    public func add(_ bytes: [UInt8], details: MarketingImageDetails, origin: String = "shop",
                    audit: AuditNote) async throws -> MarketingImage {
        guard bytes.count <= Self.maxBytes else {
            throw MarketingError(.imageTooLarge, "this image has \(bytes.count) bytes; the set keeps images of at most \(Self.maxBytes) bytes (1 MiB): save it smaller (\(ImageFacts.recommendedWidth) × \(ImageFacts.recommendedHeight) px fills the tablet)")
        }
        let facts = try ImageFacts.inspect(bytes)
        let details = try details.checked()
        let sha256 = ImageShelf.sha256(bytes)
        try shelf.store(bytes, sha256: sha256, format: facts.format)
        do {
            return try await insert(facts, sha256: sha256, bytes: bytes.count, details: details, origin: origin, audit: audit)
        } catch let error as MarketingError where error.code == .imageExists {
            throw error
        } catch {
            // Not listed, so not kept: the shelf holds only what the ledger lists.
            shelf.remove(sha256: sha256, format: facts.format)
            throw error
        }
    }

    private func insert(_ facts: ImageFacts, sha256: String, bytes: Int, details: MarketingImageDetails, origin: String,
                        audit: AuditNote) async throws -> MarketingImage {
        try await write { db, now in
            if let existing = try MarketingImageStore.find(db, sha256: sha256) {
                throw MarketingError(.imageExists, "this image is in the set already, as image \(existing.id)", imageID: existing.id)
            }
            guard try MarketingImageStore.count(db) < Self.maxImages else {
                throw MarketingError(.setFull, "the set holds at most \(Self.maxImages) images; remove one first (posagent marketing remove ID)")
            }
            let id = try MarketingImageStore.insert(db, facts, sha256: sha256, bytes: bytes, details: details,
                                                    origin: origin, addedBy: audit.caller, at: now)
            var note = audit
            note.subject = "image \(id)"
            note.detail = details.title.isEmpty ? "\(facts.width) × \(facts.height) \(facts.format.rawValue)" : details.title
            try AuditStore.append(db, note, at: now)
            return try Self.require(db, id)
        }
    }

    /// Every image, in rotation order, shown or not.
    public func images() async throws -> [MarketingImage] {
        try await storageErrors { try await database.pool.read { db in try MarketingImageStore.all(db) } }
    }

    public func image(_ id: Int64) async throws -> MarketingImage {
        try await storageErrors { try await database.pool.read { db in try Self.require(db, id) } }
    }

    /// What the tablet rotates on `day` (today in the store's time zone by default), in order.
    public func showing(on day: StoreDay? = nil) async throws -> [MarketingImage] {
        let day = day ?? today()
        return try await images().filter { $0.isShown(on: day) }
    }

    public func today() -> StoreDay { StoreDay(containing: clock.now(), in: timeZone) }

    /// Shows a hidden image again (within its window), or hides one.
    public func setHidden(_ id: Int64, _ hidden: Bool, audit: AuditNote) async throws -> MarketingImage {
        try await write { db, now in
            let image = try Self.require(db, id)
            guard image.hidden != hidden else { return image }
            try MarketingImageStore.setHidden(db, id: id, hidden)
            var note = audit
            note.action = hidden ? .marketingImageHidden : .marketingImageShown
            note.subject = "image \(id)"
            try AuditStore.append(db, note, at: now)
            return try Self.require(db, id)
        }
    }

    /// Takes an image out of the set, and its file off the shelf.
    public func remove(_ id: Int64, audit: AuditNote) async throws -> MarketingImage {
        let removed = try await write { db, now in
            let image = try Self.require(db, id)
            guard image.origin != "central" else {
                throw MarketingError(.chainImage, "image \(id) is in the chain's set from the central server and goes when the chain drops it; hide it here instead (posagent marketing hide \(id))")
            }
            try MarketingImageStore.delete(db, id: id)
            var note = audit
            note.action = .marketingImageRemoved
            note.subject = "image \(id)"
            note.detail = image.title.isEmpty ? nil : image.title
            try AuditStore.append(db, note, at: now)
            return image
        }
        shelf.remove(sha256: removed.sha256, format: removed.format)
        return removed
    }

    /// Puts `ids` first, in that order; the others follow in the order they had.
    public func reorder(_ ids: [Int64], audit: AuditNote) async throws -> [MarketingImage] {
        guard !ids.isEmpty, Set(ids).count == ids.count else {
            throw MarketingError(.invalidOrder, "give the images' ids in the order to show them, each once (posagent marketing list shows them)")
        }
        return try await write { db, now in
            let current = try MarketingImageStore.all(db)
            let known = Set(current.map(\.id))
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw MarketingError(.imageNotFound, "there is no image \(unknown) in the set; see posagent marketing list")
            }
            let order = ids + current.map(\.id).filter { !ids.contains($0) }
            for (index, id) in order.enumerated() { try MarketingImageStore.setPosition(db, id: id, index + 1) }
            var note = audit
            note.action = .marketingOrderChanged
            note.detail = order.map(String.init).joined(separator: " ")
            try AuditStore.append(db, note, at: now)
            return try MarketingImageStore.all(db)
        }
    }

    public func bytes(of image: MarketingImage) throws -> [UInt8] {
        try shelf.bytes(sha256: image.sha256, format: image.format)
    }

    /// Removes shelf files that no listed image names.
    public func sweepShelf() async throws {
        let listed = try await images().map { shelf.url(sha256: $0.sha256, format: $0.format).lastPathComponent }
        shelf.sweep(keeping: Set(listed))
    }

    static func require(_ db: Database, _ id: Int64) throws -> MarketingImage {
        guard let image = try MarketingImageStore.find(db, id: id) else {
            throw MarketingError(.imageNotFound, "there is no image \(id) in the set; see posagent marketing list")
        }
        return image
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database, Date) throws -> T) async throws -> T {
        try await database.write(at: clock, body)
    }
}
