/// A manager's PIN or password as typed: 6 to 128 characters (Unicode code points, as NIST SP 800-63B
/// counts them, and as openapi.yaml's minLength and maxLength do) without control characters. It is only ever
/// hashed; it prints as a placeholder, so it cannot reach a log or an error message by accident.
public struct ManagerPIN: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let bytes: [UInt8]

    public init(_ text: String) throws(ManagerError) {
        guard (6...128).contains(text.unicodeScalars.count),
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw ManagerError(.invalidPIN, "a PIN is 6 to 128 characters (digits for the keypad, or a password), without control characters")
        }
        bytes = Array(text.utf8)
    }

    public var description: String { "<PIN>" }
    public var debugDescription: String { "<PIN>" }
}
