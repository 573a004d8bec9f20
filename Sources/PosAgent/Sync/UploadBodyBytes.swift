import Foundation
import Loyalty
import NIOCore
import SyncWire

/// The upload body of docs/sync-protocol.md (`SyncWire.UploadBody`) written as bytes: the agent, then the
/// transactions' JSON as the outbox stored it at commit (`OutboxItem.json`), joined without being decoded.
enum UploadBodyBytes {
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

    /// The whole body, written once into the buffer the request is sent from.
    static func encode(_ batch: OutboxBatch, opening: [UInt8]) -> ByteBuffer {
        var body = ByteBufferAllocator().buffer(capacity: opening.count + batch.json.count + 2)
        body.writeBytes(opening)
        body.writeBytes(batch.json)
        body.writeStaticString("]}")
        return body
    }
}
