import Foundation
import SyncWire

/// One image of the shop's marketing set, as the ledger lists it. Its bytes are on the image shelf,
/// named by `sha256`.
public struct MarketingImage: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// SHA-256 of the file, in lower-case hex: the name the shelf and the tablet know it by.
    public var sha256: String
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var bytes: Int
    public var title: String
    /// The first and last days it is shown (the store's time zone); nil: from now on, or with no end.
    public var from: StoreDay?
    public var until: StoreDay?
    /// Its place in the rotation, 1 first.
    public var position: Int
    public var hidden: Bool
    /// Where it came from: `shop` (added here) or `central` (the chain's set, from the central server).
    public var origin: String
    public var addedAt: Date
    public var addedBy: String

    /// Whether the tablet shows it on `day`: not hidden, and within its window.
    public func isShown(on day: StoreDay) -> Bool {
        !hidden && (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true)
    }
}

/// What a manager gives with an image: a title for people, and the days it is shown.
public struct MarketingImageDetails: Sendable, Hashable {
    public var title: String
    public var from: StoreDay?
    public var until: StoreDay?

    public init(title: String = "", from: StoreDay? = nil, until: StoreDay? = nil) {
        self.title = title
        self.from = from
        self.until = until
    }

    func checked() throws(MarketingError) -> MarketingImageDetails {
        var details = self
        guard let title = ImageTitle.checked(title) else { throw MarketingError(.invalidTitle, ImageTitle.rule) }
        details.title = title
        if let from, let until, until < from {
            throw MarketingError(.invalidWindow, "the image would be shown until \(until), before it starts on \(from); give a last day on or after the first")
        }
        return details
    }
}
