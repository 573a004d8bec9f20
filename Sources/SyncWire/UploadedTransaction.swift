/// One transaction of an upload. `type` stays text: a later agent may send a type this side does not know,
/// and the server rejects that transaction alone. Amounts are won and counts, as JSON integers.
public struct UploadedTransaction: Codable, Sendable, Hashable {
    /// `{"phone": "010…"}` (whole, normalized) or `{"barcode": "…"}` for a card-only member.
    public struct Member: Codable, Sendable, Hashable {
        public var phone: String?
        public var barcode: String?

        public init(phone: String? = nil, barcode: String? = nil) {
            self.phone = phone
            self.barcode = barcode
        }
    }

    /// A coupon's fixed terms; `expiresAt` absent for a coupon that never expires.
    public struct Coupon: Codable, Sendable, Hashable {
        public var code: String
        public var kind: String
        public var value: Int64
        public var description: String
        public var issuedAt: String
        public var expiresAt: String?

        public init(code: String, kind: String, value: Int64, description: String, issuedAt: String, expiresAt: String?) {
            self.code = code
            self.kind = kind
            self.value = value
            self.description = description
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
        }
    }

    public var id: String
    public var seq: Int64
    public var type: String
    /// RFC 3339 with milliseconds and the shop's offset, as the ledger wrote it.
    public var occurredAt: String
    public var member: Member
    public var payment: Int64
    public var points: Int64
    public var stamps: Int64
    public var cancels: String?
    public var actor: String?
    public var reason: String?
    public var coupon: Coupon?
    public var prevHash: String
    public var hash: String

    public init(
        id: String, seq: Int64, type: String, occurredAt: String, member: Member, payment: Int64, points: Int64,
        stamps: Int64, cancels: String?, actor: String?, reason: String?, coupon: Coupon?, prevHash: String, hash: String
    ) {
        self.id = id
        self.seq = seq
        self.type = type
        self.occurredAt = occurredAt
        self.member = member
        self.payment = payment
        self.points = points
        self.stamps = stamps
        self.cancels = cancels
        self.actor = actor
        self.reason = reason
        self.coupon = coupon
        self.prevHash = prevHash
        self.hash = hash
    }

    enum CodingKeys: String, CodingKey {
        case id, seq, type, occurredAt, member, payment, points, stamps, cancels, actor, reason, coupon, prevHash, hash
    }

    /// `cancels`, `actor` and `reason` are written as `null` when absent (every key is always present);
    /// `coupon` is left out for a transaction about none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(seq, forKey: .seq)
        try container.encode(type, forKey: .type)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(member, forKey: .member)
        try container.encode(payment, forKey: .payment)
        try container.encode(points, forKey: .points)
        try container.encode(stamps, forKey: .stamps)
        try container.encode(cancels, forKey: .cancels)
        try container.encode(actor, forKey: .actor)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(coupon, forKey: .coupon)
        try container.encode(prevHash, forKey: .prevHash)
        try container.encode(hash, forKey: .hash)
    }
}
