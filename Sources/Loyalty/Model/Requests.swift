/// A purchase that earns points and stamps. An unknown phone or card enrolls the member.
public struct Accrual: Sendable, Hashable {
    public var member: MemberKey
    public var payment: Won
    public var actor: String?

    public init(member: MemberKey, payment: Won, actor: String? = nil) {
        self.member = member
        self.payment = payment
        self.actor = actor
    }
}

/// Points paying for part of a purchase.
public struct PointUse: Sendable, Hashable {
    public var member: MemberKey
    public var payment: Won
    public var points: Points
    public var actor: String?

    public init(member: MemberKey, payment: Won, points: Points, actor: String? = nil) {
        self.member = member
        self.payment = payment
        self.points = points
        self.actor = actor
    }
}

/// Stamps spent by a member.
public struct StampUse: Sendable, Hashable {
    public var member: MemberKey
    public var stamps: Stamps
    public var actor: String?

    public init(member: MemberKey, stamps: Stamps, actor: String? = nil) {
        self.member = member
        self.stamps = stamps
        self.actor = actor
    }
}

/// A manager granting points or stamps regardless of any purchase.
public struct Conversion: Sendable, Hashable {
    public var member: MemberKey
    public var points: Points
    public var stamps: Stamps
    public var reason: String
    public var actor: String

    public init(member: MemberKey, points: Points = 0, stamps: Stamps = 0, reason: String, actor: String) {
        self.member = member
        self.points = points
        self.stamps = stamps
        self.reason = reason
        self.actor = actor
    }
}

/// Reversal of an earlier accrual, use or conversion.
public struct Cancellation: Sendable, Hashable {
    public var transactionID: Int64
    public var reason: String
    public var actor: String

    public init(transactionID: Int64, reason: String, actor: String) {
        self.transactionID = transactionID
        self.reason = reason
        self.actor = actor
    }
}
