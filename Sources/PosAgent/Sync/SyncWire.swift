import Foundation
import Loyalty

/// Who uploads: the `agent` object of every batch.
struct UploadAgent: Sendable {
    var storeID: String
    var agentID: String
    var version: String
}

/// The upload body of docs/sync-protocol.md: the agent, then the transactions' JSON as the outbox
/// stored it at commit (`OutboxItem.json`), joined without being decoded.
enum UploadBody {
    /// `{"agent":{…},"transactions":[`: the same for every batch of an uploader.
    static func opening(_ agent: UploadAgent) -> [UInt8] {
        var json = JSONBytes(capacity: 128)
        json.raw(#"{"agent":{"storeId":"#)
        json.string(agent.storeID)
        json.raw(#","agentId":"#)
        json.string(agent.agentID)
        json.raw(#","version":"#)
        json.string(agent.version)
        json.raw(#"},"transactions":["#)
        return json.bytes
    }

    static func encode(_ batch: OutboxBatch, opening: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(opening.count + batch.json.count + 2)
        body += opening
        body += batch.json
        body += [UInt8(ascii: "]"), UInt8(ascii: "}")]
        return body
    }
}

/// The server's answer to a batch.
struct UploadAnswer: Decodable, Sendable {
    struct Rejection: Decodable, Sendable {
        var id: String
        var code: String
        var reason: String
    }

    var accepted: [String]
    var duplicates: [String]
    var rejected: [Rejection]
}
