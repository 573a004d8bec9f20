/// The answer to `GET /v1/stores/{storeId}/marketing` (docs/sync-protocol.md): the chain's marketing
/// images for this shop, in the order the tablet shows them. Each image's bytes are fetched by its hash
/// from `GET /v1/stores/{storeId}/marketing/images/{sha256}`.
public struct ChainMarketingSet: Codable, Sendable, Hashable {
    public struct Image: Codable, Sendable, Hashable {
        /// SHA-256 of the file, lower-case hex: the agent checks the bytes it fetches against it.
        public var sha256: String
        public var title: String?
        /// The first and last days it is shown, `YYYY-MM-DD` in each shop's own time zone; absent: no bound.
        public var from: String?
        public var until: String?

        public init(sha256: String, title: String? = nil, from: String? = nil, until: String? = nil) {
            self.sha256 = sha256
            self.title = title
            self.from = from
            self.until = until
        }
    }

    public var images: [Image]

    public init(images: [Image]) {
        self.images = images
    }
}
