/// What an operation committed: its transaction and the member's balances after it.
public struct OperationResult: Sendable, Hashable, Codable {
    public var transaction: LedgerTransaction
    public var member: Member
    /// True when this is the stored result of an earlier call with the same idempotency key.
    public var replayed: Bool
    /// Whether this operation enrolled the member.
    public var enrolled: Bool

    public init(transaction: LedgerTransaction, member: Member, replayed: Bool = false, enrolled: Bool = false) {
        self.transaction = transaction
        self.member = member
        self.replayed = replayed
        self.enrolled = enrolled
    }
}
