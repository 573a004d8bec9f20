import Foundation

/// The JSON object of a frame, every field of every message type flattened into one record.
/// Decoding into this first and then checking what each `type` requires gives one place that says
/// which fields are missing, instead of a Codable error per message shape.
struct WireMessage: Codable, Hashable, Sendable {
    var seq: Int?
    var type: String
    var model: String?
    var firmware: String?
    var serial: String?
    var mode: String?
    var title: String?
    var amount: Int64?
    var balance: Int64?
    var timeoutSeconds: Int?
    var lines: [String]?
    var points: Int64?
    var stamps: Int64?
    var text: String?
    var key: String?
    var value: String?
    // Marketing images (docs/tablet-protocol.md, "Images").
    var images: [String]?
    var partial: Partial?
    var secondsPerImage: Int?
    var sha256: String?
    var format: String?
    var width: Int?
    var height: Int?
    var size: Int?
    var offset: Int?
    var data: String?
    var crc32: String?

    struct Partial: Codable, Hashable, Sendable {
        var sha256: String
        var offset: Int
    }

    init(type: String) { self.type = type }

    func encoded() throws(DeviceIOError) -> [UInt8] {
        let encoder = JSONEncoder()
        // Sorted keys make frames reproducible; unescaped slashes keep them short.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw DeviceIOError(.encodingFailed, "could not encode a \(type) message: \(error)")
        }
    }

    static func decode(_ payload: [UInt8]) throws(DeviceIOError) -> WireMessage {
        do {
            return try JSONDecoder().decode(WireMessage.self, from: Data(payload))
        } catch {
            throw DeviceIOError(.invalidMessage, "a frame is not a JSON object with a \"type\": \(error)")
        }
    }

    func require<Value>(_ value: Value?, _ field: String) throws(DeviceIOError) -> Value {
        guard let value else {
            throw DeviceIOError(.invalidMessage, "a \(type) message lacks \"\(field)\"; the peer speaks another protocol version")
        }
        return value
    }

    func unknownType() -> DeviceIOError {
        DeviceIOError(.invalidMessage, "unknown message type \"\(type)\"; the peer speaks another protocol version")
    }
}

/// Both directions share the frame layer; each message type says how it maps to JSON.
public protocol TabletWireRepresentable: Sendable {
    /// The `type` field, for logs.
    var typeName: String { get }
    init(wire: [UInt8]) throws(DeviceIOError)
    /// The JSON body with the given sequence number.
    func wire(seq: UInt8) throws(DeviceIOError) -> [UInt8]
}
