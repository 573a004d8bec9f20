import Foundation

/// A marketing image's title, for people: the same rule for an image added at the shop and one the chain
/// adds for every shop.
public enum ImageTitle {
    public static let maxLength = 100

    public static let rule = "an image's title is at most \(maxLength) characters of text without control characters"

    /// `title` without the spaces around it, or nil when it is longer than `maxLength` or holds a control character.
    public static func checked(_ title: String) -> String? {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard title.count <= maxLength, !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return nil
        }
        return title
    }
}
