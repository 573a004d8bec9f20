/// The body of `POST /v1/stores/{storeId}/transactions` (docs/sync-protocol.md): who uploads, then the
/// transactions in `seq` order.
public struct UploadBody: Codable, Sendable, Hashable {
    public var agent: UploadAgent
    public var transactions: [UploadedTransaction]

    public init(agent: UploadAgent, transactions: [UploadedTransaction]) {
        self.agent = agent
        self.transactions = transactions
    }
}
