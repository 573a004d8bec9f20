import Foundation
import Loyalty

/// What a caller of the socket API may do.
enum Role: String, Sendable, Hashable, Codable, Comparable {
    /// Accruals, uses, identification, their own history queries with masked phones.
    case cashier
    /// Everything: conversion, cancellation, unmasked phone numbers, CSV export.
    case manager

    static func < (lhs: Role, rhs: Role) -> Bool { lhs == .cashier && rhs == .manager }
}

/// Who called, by peer credentials or by a cashier screen's sign-in, and what role that gives them; and the
/// registered manager whose id and PIN came with the request, if any.
struct Caller: Sendable, Hashable {
    var credentials: PeerCredentials?
    var role: Role?
    var manager: AuthenticatedManager? = nil
    /// How a caller without Unix credentials (the cashier screen) is recorded.
    var signedInAs: String? = nil

    /// The account at the socket, e.g. `alice (uid 1000)`, or `cashier screen`: how the audit log names the caller.
    var account: String {
        if let signedInAs { return signedInAs }
        guard let credentials else { return "unknown" }
        return "\(UserDirectory.userName(credentials.uid) ?? "uid") (uid \(credentials.uid))"
    }

    /// How the caller is recorded as a transaction's actor: the account, or the manager who approved at it,
    /// e.g. `kim (manager PIN, uid 1000)` (at most 83 characters).
    var actor: String {
        guard let manager else { return account }
        if let signedInAs { return "\(manager.id) (manager PIN, \(signedInAs))" }
        return "\(manager.id) (manager PIN, uid \(credentials.map { String($0.uid) } ?? "unknown"))"
    }
}

/// Decides roles from the configured groups, resolved once at start.
struct RolePolicy: Sendable {
    let cashierGroup: UInt32?
    let managerGroup: UInt32?
    /// The account the daemon runs as may always manage it (a development machine has no groups).
    let daemonUID: UInt32

    init(cashierGroupName: String, managerGroupName: String, daemonUID: UInt32 = getuid()) {
        // gid 0 never counts: unused SO_PEERGROUPS slots read as 0.
        cashierGroup = UserDirectory.groupID(cashierGroupName).flatMap { $0 == 0 ? nil : $0 }
        managerGroup = UserDirectory.groupID(managerGroupName).flatMap { $0 == 0 ? nil : $0 }
        self.daemonUID = daemonUID
    }

    func role(of credentials: PeerCredentials?) -> Role? {
        guard let credentials else { return nil }
        if credentials.uid == 0 || credentials.uid == daemonUID { return .manager }
        if let managerGroup, credentials.groups.contains(managerGroup) { return .manager }
        if let cashierGroup, credentials.groups.contains(cashierGroup) { return .cashier }
        return nil
    }
}

/// Looks users and groups up in the system's databases (files, LDAP, …) through the reentrant calls.
enum UserDirectory {
    static func groupID(_ name: String) -> UInt32? {
        var group = Glibc.group()
        var result: UnsafeMutablePointer<Glibc.group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrnam_r(name, &group, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return group.gr_gid
    }

    static func userName(_ uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return nil
        }
        return String(cString: name)
    }
}
