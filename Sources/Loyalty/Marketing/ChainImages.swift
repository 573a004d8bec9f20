import Foundation
import GRDB
import SyncWire

/// What applying the chain's set did to the shop's: the images added, removed and given new details (by
/// id), whether the order changed, and the chain's images refused (each with why).
public struct ChainSetChange: Sendable, Hashable {
    public struct Refusal: Sendable, Hashable {
        public var sha256: String
        public var reason: String
    }

    public var added: [Int64] = []
    public var removed: [Int64] = []
    public var updated: [Int64] = []
    public var reordered = false
    public var refusals: [Refusal] = []

    public var changed: Bool { !added.isEmpty || !removed.isEmpty || !updated.isEmpty || reordered }
}

extension MarketingSet {
    /// Makes the set's chain images (origin `central`) what the chain's set lists: new ones fetched with
    /// `fetch` (by hash), checked like a manager's (the hash, the size, a whole JPEG or PNG) and kept;
    /// those the chain dropped removed; titles and days brought up to date; a shop's hiding kept. When
    /// anything changed, the chain's images come first in the chain's order and the shop's own follow in
    /// theirs. Everything the ledger changes is one transaction, audited as `caller`. An image the chain
    /// lists wrongly is refused on its own; a failed fetch (`fetch` throwing) changes nothing.
    public func applyChainSet(_ chain: [ChainMarketingSet.Image], caller: String,
                              fetch: (String) async throws -> [UInt8]) async throws -> ChainSetChange {
        var change = ChainSetChange()
        var wanted: [(sha256: String, details: MarketingImageDetails)] = []
        for image in chain where !wanted.contains(where: { $0.sha256 == image.sha256 }) {
            do {
                wanted.append((image.sha256, try Self.details(of: image)))
            } catch {
                change.refusals.append(.init(sha256: image.sha256, reason: "\(error)"))
            }
        }
        let listed = Dictionary(try await images().map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        var fetched: [String: (facts: ImageFacts, bytes: Int)] = [:]
        for (sha256, _) in wanted where listed[sha256] == nil {
            let bytes: [UInt8]
            do {
                bytes = try await fetch(sha256)
            } catch {
                // Nothing changes: what this round put on the shelf goes again.
                for (sha256, image) in fetched { shelf.remove(sha256: sha256, format: image.facts.format) }
                throw error
            }
            do {
                fetched[sha256] = (try checkedChainImage(bytes, sha256: sha256), bytes.count)
            } catch {
                change.refusals.append(.init(sha256: sha256, reason: "\(error)"))
            }
        }
        wanted.removeAll { listed[$0.sha256] == nil && fetched[$0.sha256] == nil }
        let kept = wanted, arrived = fetched
        let (applied, dropped) = try await write { db, now in
            try Self.apply(kept, arrived: arrived, in: db, at: now, caller: caller)
        }
        // Off the shelf: what the ledger no longer lists, and what arrived but found no room.
        for image in dropped { shelf.remove(sha256: image.sha256, format: image.format) }
        for refusal in applied.refusals {
            if let image = fetched[refusal.sha256] { shelf.remove(sha256: refusal.sha256, format: image.facts.format) }
        }
        change.added = applied.added
        change.removed = applied.removed
        change.updated = applied.updated
        change.reordered = applied.reordered
        change.refusals += applied.refusals
        return change
    }

    /// The bytes are the image the chain named, within the set's limits, and on the shelf.
    private func checkedChainImage(_ bytes: [UInt8], sha256: String) throws -> ImageFacts {
        guard ImageShelf.sha256(bytes) == sha256 else {
            throw MarketingError(.damagedImage, "the bytes the central server sent for image \(sha256) have another SHA-256")
        }
        guard bytes.count <= Self.maxBytes else {
            throw MarketingError(.imageTooLarge, "the chain's image \(sha256) has \(bytes.count) bytes; the set keeps at most \(Self.maxBytes)")
        }
        let facts = try ImageFacts.inspect(bytes)
        try shelf.store(bytes, sha256: sha256, format: facts.format)
        return facts
    }

    private static func details(of image: ChainMarketingSet.Image) throws -> MarketingImageDetails {
        guard image.sha256.count == 64, image.sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw MarketingError(.notAnImage, "the chain lists an image whose sha256 is not 64 lower-case hex digits")
        }
        return try MarketingImageDetails(
            title: image.title ?? "", from: try image.from.map { try StoreDay(parsing: $0) },
            until: try image.until.map { try StoreDay(parsing: $0) }
        ).checked()
    }

    private static func apply(_ wanted: [(sha256: String, details: MarketingImageDetails)],
                              arrived: [String: (facts: ImageFacts, bytes: Int)], in db: Database, at now: Date,
                              caller: String) throws -> (ChainSetChange, [MarketingImage]) {
        var change = ChainSetChange()
        var dropped: [MarketingImage] = []
        let chainHashes = Set(wanted.map(\.sha256))
        func note(_ action: AuditAction, _ id: Int64, _ detail: String?) throws {
            try AuditStore.append(db, AuditNote(action, manager: nil, caller: caller, subject: "image \(id)", detail: detail), at: now)
        }
        for image in try MarketingImageStore.all(db) where image.origin == "central" && !chainHashes.contains(image.sha256) {
            try MarketingImageStore.delete(db, id: image.id)
            try note(.marketingImageRemoved, image.id, image.title.isEmpty ? nil : image.title)
            change.removed.append(image.id)
            dropped.append(image)
        }
        for (sha256, details) in wanted {
            if let image = try MarketingImageStore.find(db, sha256: sha256) {
                guard image.origin == "central" else { continue }  // the shop's own copy of it stays the shop's
                if image.title != details.title || image.from != details.from || image.until != details.until {
                    try MarketingImageStore.setDetails(db, id: image.id, details)
                    try note(.marketingImageChanged, image.id, details.title.isEmpty ? nil : details.title)
                    change.updated.append(image.id)
                }
            } else if let new = arrived[sha256] {
                guard try MarketingImageStore.count(db) < maxImages else {
                    change.refusals.append(.init(sha256: sha256, reason: "the set holds at most \(maxImages) images; the shop has to remove some of its own"))
                    continue
                }
                let id = try MarketingImageStore.insert(db, new.facts, sha256: sha256, bytes: new.bytes, details: details,
                                                        origin: "central", addedBy: caller, at: now)
                try note(.marketingImageAdded, id, details.title.isEmpty ? "\(new.facts.width) × \(new.facts.height) \(new.facts.format.rawValue)" : details.title)
                change.added.append(id)
            }
        }
        let current = try MarketingImageStore.all(db)
        let bySHA = Dictionary(current.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        let chainOrder = wanted.compactMap { bySHA[$0.sha256] }.filter { $0.origin == "central" }.map(\.id)
        let shopOrder = current.filter { $0.origin != "central" }.map(\.id)
        let inChainOrder = current.filter { $0.origin == "central" }.map(\.id) == chainOrder
        if !change.added.isEmpty || !change.removed.isEmpty || !inChainOrder {
            let order = chainOrder + shopOrder
            if order != current.map(\.id) {
                for (index, id) in order.enumerated() { try MarketingImageStore.setPosition(db, id: id, index + 1) }
                try AuditStore.append(db, AuditNote(.marketingOrderChanged, manager: nil, caller: caller,
                                                    detail: order.map(String.init).joined(separator: " ")), at: now)
                change.reordered = true
            }
        }
        return (change, dropped)
    }
}
