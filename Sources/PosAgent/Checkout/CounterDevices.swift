import DeviceIO

/// The counter's devices as the checkout desk follows them from the hub's inputs: which are attached, and
/// which tablets answered hello and can be shown a prompt.
struct CounterDevices {
    private var attached: [DeviceIdentity: DeviceRole] = [:]
    private var tablets: [DeviceIdentity: TabletInfo] = [:]

    /// Whether a tablet is present to ask the customer.
    var hasTablet: Bool { !tablets.isEmpty }

    mutating func attach(_ identity: DeviceIdentity, as role: DeviceRole) {
        attached[identity] = role
    }

    /// Forgets an unplugged device; true when it was the last tablet present.
    mutating func detach(_ identity: DeviceIdentity) -> Bool {
        attached[identity] = nil
        return loseTablet(identity)
    }

    mutating func tabletAnswered(_ identity: DeviceIdentity, _ info: TabletInfo) {
        tablets[identity] = info
    }

    /// A tablet stopped answering; true when it was the last one present.
    mutating func loseTablet(_ identity: DeviceIdentity) -> Bool {
        tablets.removeValue(forKey: identity) != nil && tablets.isEmpty
    }

    /// The devices as the admin sees them: every attached one, and an absent tablet or scanner for a role
    /// nothing fills.
    var states: [DeviceState] {
        var states = attached.sorted { $0.key.rawValue < $1.key.rawValue }.map { identity, role in
            let info = tablets[identity]
            let isTablet = role != .scanner
            return DeviceState(
                role: isTablet ? "tablet" : "scanner", present: isTablet ? info != nil : true, identity: identity.rawValue,
                detail: info.map { "\($0.model) \($0.firmware), serial \($0.serial)" } ?? (isTablet ? "not answering hello" : nil))
        }
        for role in ["tablet", "scanner"] where !states.contains(where: { $0.role == role }) {
            states.append(DeviceState(role: role, present: false))
        }
        return states
    }
}
