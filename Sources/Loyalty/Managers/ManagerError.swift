import Foundation

/// What the manager registry refuses: bad ids, emails and PINs, acts that need the master, wrong PINs and
/// locked managers. Messages say what was wrong and what to do, and never contain a PIN.
public struct ManagerError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidManagerID = Code(rawValue: "invalid_manager_id")
        public static let invalidEmail = Code(rawValue: "invalid_email")
        public static let invalidPIN = Code(rawValue: "invalid_pin")
        /// Adding an id that is registered already.
        public static let managerExists = Code(rawValue: "manager_exists")
        /// Removing, changing or handing over to an id that is not registered.
        public static let managerNotFound = Code(rawValue: "manager_not_found")
        /// A manager id given with a PIN that is not registered.
        public static let unknownManager = Code(rawValue: "unknown_manager")
        /// A manager id and PIN given while no manager is registered at all.
        public static let noManagers = Code(rawValue: "no_managers")
        /// Adding, removing, handing over or changing another's PIN, by anyone but the master.
        public static let masterRequired = Code(rawValue: "master_required")
        public static let masterNotRemovable = Code(rawValue: "master_not_removable")
        public static let alreadyMaster = Code(rawValue: "already_master")
        public static let wrongPIN = Code(rawValue: "wrong_pin")
        public static let managerLocked = Code(rawValue: "manager_locked")
    }

    public let code: Code
    public let message: String
    /// After a wrong PIN: how many more may be tried before the manager is locked.
    public var remainingAttempts: Int?
    /// For a locked manager: when the lock ends.
    public var lockedUntil: Date?

    public init(_ code: Code, _ message: String, remainingAttempts: Int? = nil, lockedUntil: Date? = nil) {
        self.code = code
        self.message = message
        self.remainingAttempts = remainingAttempts
        self.lockedUntil = lockedUntil
    }

    public var description: String { "\(code): \(message)" }
}
