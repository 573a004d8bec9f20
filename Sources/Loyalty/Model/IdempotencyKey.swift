/// A caller's name for one request, so a retried request is answered, not performed twice.
public struct IdempotencyKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// 1 to 128 printable ASCII characters (a UUID is typical).
    public init(_ rawValue: String) throws(LedgerError) {
        guard (1...128).contains(rawValue.utf8.count),
            rawValue.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw LedgerError(
                .invalidIdempotencyKey,
                "an idempotency key is 1 to 128 printable ASCII characters without spaces (a UUID is best)"
            )
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
