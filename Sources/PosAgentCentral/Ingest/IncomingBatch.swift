import SyncWire

/// An upload as it arrives: each transaction decoded on its own, so one the server cannot read is
/// rejected alone (by its id, when that much is readable) and the rest go on.
struct IncomingBatch: Decodable, Sendable {
    enum Row: Decodable, Sendable {
        case readable(UploadedTransaction)
        case unreadable(id: String?, seq: Int64?, reason: String)

        private enum Keys: String, CodingKey { case id, seq }

        init(from decoder: any Decoder) throws {
            do {
                self = .readable(try UploadedTransaction(from: decoder))
            } catch {
                let keys = try? decoder.container(keyedBy: Keys.self)
                self = .unreadable(
                    id: try? keys?.decode(String.self, forKey: .id), seq: try? keys?.decode(Int64.self, forKey: .seq),
                    reason: "the transaction does not have the shape of docs/sync-protocol.md: \(Self.describe(error))")
            }
        }

        private static func describe(_ error: any Error) -> String {
            switch error as? DecodingError {
            case .keyNotFound(let key, _)?: "\(key.stringValue) is missing"
            case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
                "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
            default: "unreadable"
            }
        }
    }

    var agent: UploadAgent
    var transactions: [Row]
}
