import Foundation

/// A registered store manager, as listed: never with the PIN or its hash.
public struct Manager: Sendable, Hashable, Codable {
    public var id: ManagerID
    public var email: EmailAddress
    public var isMaster: Bool
    public var createdAt: Date
    public var pinChangedAt: Date
    /// Wrong PINs in a row so far (the manager is locked at `ManagerRegistry.maxFailedAttempts`).
    public var failedAttempts: Int
    /// Set while the manager is locked out.
    public var lockedUntil: Date?
}

/// A manager whose PIN was just checked: the registry's proof, which only `ManagerRegistry.authenticate`
/// makes, and which every act that needs a manager takes.
public struct AuthenticatedManager: Sendable, Hashable {
    public let id: ManagerID

    init(id: ManagerID) { self.id = id }
}

/// A manager to register: the id, an email to reach them, and the PIN they chose.
public struct NewManager: Sendable {
    public var id: ManagerID
    public var email: EmailAddress
    public var pin: ManagerPIN

    public init(id: ManagerID, email: EmailAddress, pin: ManagerPIN) {
        self.id = id
        self.email = email
        self.pin = pin
    }
}
