/// A store manager's id: 1 to 50 ASCII letters and digits, case-insensitive and kept in lower case, so
/// `Kim` and `kim` are one manager and the id fits a URL path and an HTTP header as it is.
public struct ManagerID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing text: String) throws(ManagerError) {
        let lowered = text.lowercased()
        guard (1...50).contains(lowered.utf8.count),
            lowered.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) })
        else {
            throw ManagerError(
                .invalidManagerID, "a manager id is 1 to 50 letters (a to z) and digits, without spaces or signs, e.g. kim2")
        }
        rawValue = lowered
    }

    /// A value read back from the ledger, where the schema already checked it.
    init(stored: String) { rawValue = stored }

    public var description: String { rawValue }

    public static func < (lhs: ManagerID, rhs: ManagerID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
