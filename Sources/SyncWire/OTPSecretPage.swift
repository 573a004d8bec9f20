/// The answer to `GET /v1/stores/{storeId}/otp-secrets` (docs/sync-protocol.md): a page of members'
/// secrets in `seq` order, and where the next page starts.
public struct OTPSecretPage: Codable, Sendable, Hashable {
    /// One secret as sent. Everything but `seq` is optional, so the agent refuses one incomplete secret on
    /// its own instead of failing the page.
    public struct Secret: Codable, Sendable, Hashable {
        /// `{"phone": …}` or `{"barcode": …}`.
        public struct Member: Codable, Sendable, Hashable {
            public var phone: String?
            public var barcode: String?

            public init(phone: String? = nil, barcode: String? = nil) {
                self.phone = phone
                self.barcode = barcode
            }
        }

        public var seq: Int64
        public var storeId: String?
        public var member: Member?
        /// Base32, as an authenticator app takes it.
        public var secret: String?
        public var algorithm: String?
        public var digits: Int?
        public var period: Int?

        public init(seq: Int64, storeId: String?, member: Member?, secret: String?, algorithm: String?, digits: Int?, period: Int?) {
            self.seq = seq
            self.storeId = storeId
            self.member = member
            self.secret = secret
            self.algorithm = algorithm
            self.digits = digits
            self.period = period
        }
    }

    public var secrets: [Secret]
    /// The `after` of the next page while more are waiting; `null` on the last page for now.
    public var nextCursor: String?

    public init(secrets: [Secret], nextCursor: String?) {
        self.secrets = secrets
        self.nextCursor = nextCursor
    }

    /// The cursor to save with this page: `nextCursor` while more are waiting, else the last secret's
    /// `seq`, else (an empty page) none, keeping the saved one.
    public var cursor: String? { nextCursor ?? secrets.last.map { String($0.seq) } }

    enum CodingKeys: String, CodingKey {
        case secrets, nextCursor
    }

    /// `nextCursor` is written as `null` on the last page, not left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(secrets, forKey: .secrets)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
