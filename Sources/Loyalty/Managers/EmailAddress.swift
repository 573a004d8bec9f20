import Foundation

/// A manager's email address, checked for the shape mail servers accept: `local@domain.tld`, with a local
/// part of up to 64 characters and a domain of letters, digits and hyphens in dot-separated labels.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(parsing text: String) throws(ManagerError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let address = Self.validated(trimmed) else {
            throw ManagerError(.invalidEmail, "'\(trimmed.prefix(80))' is not an email address; give one like kim@example.com")
        }
        rawValue = address
    }

    init(stored: String) { rawValue = stored }

    public var description: String { rawValue }

    /// The address with its domain in lower case (the local part is the mail server's to interpret).
    private static func validated(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.utf8.count <= 254, parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1].lowercased()
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.".utf8)
        guard (1...64).contains(local.utf8.count), local.utf8.allSatisfy(localAllowed.contains),
            local.first != ".", local.last != ".", !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return nil }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.utf8.allSatisfy(labelAllowed.contains),
                label.first != "-", label.last != "-"
            else { return nil }
        }
        return "\(local)@\(domain)"
    }

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
