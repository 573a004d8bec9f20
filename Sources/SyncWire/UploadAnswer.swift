/// The server's `200` answer to an upload: what it holds now of each transaction of the batch. A
/// transaction it does not name stays queued at the shop.
public struct UploadAnswer: Codable, Sendable, Hashable {
    /// A transaction the server will not store, and why; at the shop it becomes a dead letter.
    public struct Rejection: Codable, Sendable, Hashable {
        public var id: String
        public var code: String
        public var reason: String

        public init(id: String, code: String, reason: String) {
            self.id = id
            self.code = code
            self.reason = reason
        }
    }

    public var accepted: [String]
    public var duplicates: [String]
    public var rejected: [Rejection]

    public init(accepted: [String], duplicates: [String], rejected: [Rejection]) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejected = rejected
    }
}
