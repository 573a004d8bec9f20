/// Who uploads: the `agent` object of every batch (docs/sync-protocol.md).
public struct UploadAgent: Codable, Sendable, Hashable {
    public var storeID: String
    public var agentID: String
    public var version: String

    public init(storeID: String, agentID: String, version: String) {
        self.storeID = storeID
        self.agentID = agentID
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case storeID = "storeId"
        case agentID = "agentId"
        case version
    }
}
