import SyncWire

/// Reads one uploaded transaction member by member. A member of the wrong kind, or one named twice, is noted
/// and read past, so the scanner always ends after the transaction and only a text that is not JSON at all
/// stops the batch. The row is `readable` when every member docs/sync-protocol.md requires is there with its
/// kind (`null` only where a member may be absent); otherwise `unreadable`, saying the first thing wrong.
struct TransactionReader {
    private var problem: String?

    static func row(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> IncomingBatch.Row {
        var reader = TransactionReader()
        guard try scanner.kind() == .object else {
            try scanner.skipValue()
            return .unreadable(id: nil, seq: nil, reason: shape("the transaction is not an object"))
        }
        var id: String?, seq: Int64?, type: String?, occurredAt: String?, member: UploadedTransaction.Member?
        var payment: Int64?, points: Int64?, stamps: Int64?, cancels: String?, actor: String?, reason: String?
        var coupon: UploadedTransaction.Coupon?, prevHash: String?, hash: String?
        try reader.members(&scanner, path: "") { (reader, field: Field, scanner) throws(JSONScanner.Failure) in
            let name = field.name
            switch field {
            case .id: id = try reader.text(&scanner, name)
            case .seq: seq = try reader.integer(&scanner, name)
            case .type: type = try reader.text(&scanner, name)
            case .occurredAt: occurredAt = try reader.text(&scanner, name)
            case .member: member = try reader.member(&scanner)
            case .payment: payment = try reader.integer(&scanner, name)
            case .points: points = try reader.integer(&scanner, name)
            case .stamps: stamps = try reader.integer(&scanner, name)
            case .cancels: cancels = try reader.text(&scanner, name, mayBeNull: true)
            case .actor: actor = try reader.text(&scanner, name, mayBeNull: true)
            case .reason: reason = try reader.text(&scanner, name, mayBeNull: true)
            case .coupon: coupon = try reader.coupon(&scanner)
            case .prevHash: prevHash = try reader.text(&scanner, name)
            case .hash: hash = try reader.text(&scanner, name)
            }
        }
        if reader.problem == nil, let id, let seq, let type, let occurredAt, let member, let payment, let points,
           let stamps, let prevHash, let hash {
            return .readable(UploadedTransaction(
                id: id, seq: seq, type: type, occurredAt: occurredAt, member: member, payment: payment, points: points,
                stamps: stamps, cancels: cancels, actor: actor, reason: reason, coupon: coupon, prevHash: prevHash, hash: hash))
        }
        let missing = [("id", id == nil), ("seq", seq == nil), ("type", type == nil), ("occurredAt", occurredAt == nil),
                       ("member", member == nil), ("payment", payment == nil), ("points", points == nil),
                       ("stamps", stamps == nil), ("prevHash", prevHash == nil), ("hash", hash == nil)]
            .first { $0.1 }.map { "\($0.0) is missing" }
        return .unreadable(id: id, seq: seq, reason: shape(reader.problem ?? missing ?? "unreadable"))
    }

    private static func shape(_ problem: String) -> String {
        "the transaction does not have the shape of docs/sync-protocol.md: \(problem)"
    }

    private mutating func note(_ problem: String) {
        if self.problem == nil { self.problem = problem }
    }

    /// A string; nil for `null` where the member may be absent, and nil (noted) for a value of another kind.
    private mutating func text(_ scanner: inout JSONScanner, _ path: String, mayBeNull: Bool = false) throws(JSONScanner.Failure) -> String? {
        switch try scanner.kind() {
        case .string: return try scanner.string()
        case .null where mayBeNull: try scanner.skipValue()
        default:
            try scanner.skipValue()
            note("\(path) has the wrong type")
        }
        return nil
    }

    /// A whole number an `Int64` holds, or nil (noted).
    private mutating func integer(_ scanner: inout JSONScanner, _ path: String) throws(JSONScanner.Failure) -> Int64? {
        guard try scanner.kind() == .number else {
            try scanner.skipValue()
            note("\(path) has the wrong type")
            return nil
        }
        guard let value = try scanner.integer() else {
            note("\(path) has the wrong type")
            return nil
        }
        return value
    }

    /// `{"phone": …}` or `{"barcode": …}`, each a string or null; nil (noted) when it is not an object.
    private mutating func member(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> UploadedTransaction.Member? {
        guard try scanner.kind() == .object else {
            try scanner.skipValue()
            note("member has the wrong type")
            return nil
        }
        var member = UploadedTransaction.Member()
        try members(&scanner, path: "member.") { (reader, field: MemberField, scanner) throws(JSONScanner.Failure) in
            switch field {
            case .phone: member.phone = try reader.text(&scanner, "member.phone", mayBeNull: true)
            case .barcode: member.barcode = try reader.text(&scanner, "member.barcode", mayBeNull: true)
            }
        }
        return member
    }

    /// A coupon's terms, or nil for `null`; nil (noted) for another kind, or for terms that lack a member.
    private mutating func coupon(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> UploadedTransaction.Coupon? {
        switch try scanner.kind() {
        case .null:
            try scanner.skipValue()
            return nil
        case .object: break
        default:
            try scanner.skipValue()
            note("coupon has the wrong type")
            return nil
        }
        var code: String?, kind: String?, value: Int64?, description: String?, issuedAt: String?, expiresAt: String?
        try members(&scanner, path: "coupon.") { (reader, field: CouponField, scanner) throws(JSONScanner.Failure) in
            let name = "coupon." + field.name
            switch field {
            case .code: code = try reader.text(&scanner, name)
            case .kind: kind = try reader.text(&scanner, name)
            case .value: value = try reader.integer(&scanner, name)
            case .description: description = try reader.text(&scanner, name)
            case .issuedAt: issuedAt = try reader.text(&scanner, name)
            case .expiresAt: expiresAt = try reader.text(&scanner, name, mayBeNull: true)
            }
        }
        guard let code, let kind, let value, let description, let issuedAt else {
            let missing = [("code", code == nil), ("kind", kind == nil), ("value", value == nil),
                           ("description", description == nil), ("issuedAt", issuedAt == nil)].first { $0.1 }
            note("coupon.\(missing?.0 ?? "code") is missing")
            return nil
        }
        return UploadedTransaction.Coupon(code: code, kind: kind, value: value, description: description,
                                          issuedAt: issuedAt, expiresAt: expiresAt)
    }

    /// Reads an object's members: each key of `F` to `read`, any other key skipped, and a key named twice
    /// noted with `path` before it.
    private mutating func members<F: Fields>(
        _ scanner: inout JSONScanner, path: String,
        _ read: (inout TransactionReader, F, inout JSONScanner) throws(JSONScanner.Failure) -> Void
    ) throws(JSONScanner.Failure) {
        var seen = Seen()
        try scanner.beginObject()
        var count = 0
        while let key = try scanner.nextKey(&count, in: F.table) {
            guard case .known(let index) = key, let field = F(rawValue: index) else {
                if case .other(let name) = key, !seen.first(name) { note("\(path)\(name) is named twice") }
                try scanner.skipValue()
                continue
            }
            if !seen.first(field.rawValue) { note("\(path)\(field.name) is named twice") }
            try read(&self, field, &scanner)
        }
    }

    /// The members of one object read so far: a repeat is refused, as `JSONDecoder` would keep one silently.
    private struct Seen {
        /// The table's keys, one bit each.
        private var known: UInt64 = 0
        private var others: [String] = []

        /// Whether the table's key at `index` is new to this object.
        mutating func first(_ index: Int) -> Bool {
            let bit: UInt64 = 1 << index
            defer { known |= bit }
            return known & bit == 0
        }

        /// Whether `key`, which the table does not hold, is new to this object.
        mutating func first(_ key: String) -> Bool {
            guard !others.contains(key) else { return false }
            others.append(key)
            return true
        }
    }
}

/// The members a transaction, its member and its coupon have (docs/sync-protocol.md), by their keys.
private protocol Fields: CaseIterable, RawRepresentable<Int> {
    /// Each case's key, by raw value.
    static var names: [String] { get }
    static var table: JSONScanner.KeyTable { get }
}

extension Fields {
    var name: String { Self.names[rawValue] }
    static func keys() -> [String] { allCases.map { String(describing: $0) } }
}

private enum Field: Int, Fields {
    case id, seq, type, occurredAt, member, payment, points, stamps, cancels, actor, reason, coupon, prevHash, hash
    static let names = keys()
    static let table = JSONScanner.KeyTable(names)
}

private enum MemberField: Int, Fields {
    case phone, barcode
    static let names = keys()
    static let table = JSONScanner.KeyTable(names)
}

private enum CouponField: Int, Fields {
    case code, kind, value, description, issuedAt, expiresAt
    static let names = keys()
    static let table = JSONScanner.KeyTable(names)
}
