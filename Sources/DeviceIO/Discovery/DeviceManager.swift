#if canImport(Glibc)
import Glibc
#endif
import Logging

/// Discovery after ModemManager: kernel devices from a source (udev), a strict filter (only ttys and
/// input nodes a rule names are opened), ports grouped by stable identity, reopened after a replug.
public actor DeviceManager {
    public struct Configuration: Sendable {
        /// How often path rules are checked and failed ports retried.
        public var pollInterval: Duration
        /// The C calls ports are opened with; tests swap EVIOCGRAB, which a fake node cannot answer.
        public var syscalls: Syscalls

        public init(pollInterval: Duration = .milliseconds(500), syscalls: Syscalls = .live) {
            self.pollInterval = pollInterval
            self.syscalls = syscalls
        }
    }

    private struct Wanted {
        var rule: DeviceRule
        var devnode: String
        var syspath: String?
    }

    private let rules: [DeviceRule]
    private let source: any DeviceSource
    private let configuration: Configuration
    private let logger: Logger
    private var wanted: [DeviceIdentity: Wanted] = [:]
    private var attached: [DeviceIdentity: AttachedDevice] = [:]
    private var lastFailure: [DeviceIdentity: DeviceIOError.Code] = [:]
    /// Present devices left closed until they are plugged in again (a probe that got no answer).
    private var dormant: Set<DeviceIdentity> = []

    /// Attach and detach events; finishes when `run()` returns.
    public nonisolated let events: AsyncStream<DeviceEvent>
    private let eventsContinuation: AsyncStream<DeviceEvent>.Continuation

    public init(
        rules: [DeviceRule], source: any DeviceSource = UdevDeviceSource(), configuration: Configuration = .init(),
        logger: Logger = Logger(label: "posagent.devices")
    ) {
        self.rules = rules.filter { rule in
            if let problem = rule.problem { logger.error("ignoring a device rule", metadata: ["problem": "\(problem)"]) }
            return rule.problem == nil
        }
        self.source = source
        self.configuration = configuration
        self.logger = logger
        (events, eventsContinuation) = AsyncStream.makeStream()
    }

    /// The devices attached now.
    public var attachedDevices: [AttachedDevice] { Array(attached.values) }

    /// Watches devices until cancelled or the source fails; closes every port it opened on return.
    public func run() async throws {
        defer { shutDown() }
        let changes = try source.events()
        for device in try source.devices() where device.isInitialized {
            considerPresent(device)
        }
        pollPathRules()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await change in changes { await self.handle(change) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: self.configuration.pollInterval)
                    await self.pollPathRules()
                    await self.reconcileAll()
                }
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Closes a device and leaves it closed until it is unplugged and plugged in again (or, for a
    /// path rule, until its path disappears and comes back). With `port`, only if that port is
    /// still the device's, so a late caller cannot shelve a device that was replugged since.
    public func ignoreUntilReplug(_ identity: DeviceIdentity, ifPortIs port: DevicePort? = nil) {
        guard wanted[identity] != nil else { return }
        if let port, attached[identity]?.port.isSame(as: port) != true { return }
        dormant.insert(identity)
        detach(identity, reason: "left closed until it is plugged in again")
    }

    private func handle(_ change: KernelDeviceEvent) {
        switch change.action {
        case .add:
            dormant.remove(DeviceIdentity(change.device))
            considerPresent(change.device)
        case .change:
            considerPresent(change.device)
        case .remove:
            for (identity, entry) in wanted where entry.syspath == change.device.syspath {
                wanted[identity] = nil
                detach(identity, reason: "removed")
            }
        case .other:
            break
        }
    }

    /// Strict policy: a tty or input node that no rule names is never opened.
    private func considerPresent(_ device: KernelDevice) {
        guard let devnode = device.devnode else { return }
        guard let rule = rules.rule(for: device) else {
            // A change event can take away the property a rule matched (a retagged device).
            for (identity, entry) in wanted where entry.syspath == device.syspath {
                wanted[identity] = nil
                detach(identity, reason: "no rule names it any more")
            }
            logger.debug("no rule names this device; leaving it alone", metadata: ["devnode": "\(devnode)"])
            return
        }
        let identity = DeviceIdentity(device)
        if let current = attached[identity], current.devnode != devnode {
            // Replugged under a new name before the old node's removal arrived.
            detach(identity, reason: "moved to \(devnode)")
        }
        wanted[identity] = Wanted(rule: rule, devnode: devnode, syspath: device.syspath)
        reconcile(identity)
    }

    private func pollPathRules() {
        for rule in rules {
            guard let path = rule.path else { continue }
            let identity = DeviceIdentity.path(path)
            if access(path, F_OK) == 0 {
                if wanted[identity] == nil { wanted[identity] = Wanted(rule: rule, devnode: path, syspath: nil) }
            } else if wanted.removeValue(forKey: identity) != nil {
                dormant.remove(identity)
                detach(identity, reason: "\(path) disappeared")
            }
        }
    }

    private func reconcileAll() {
        for identity in wanted.keys { reconcile(identity) }
    }

    /// Opens a wanted device that has no open port; a port that died (EIO) is replaced.
    private func reconcile(_ identity: DeviceIdentity) {
        guard let entry = wanted[identity], !dormant.contains(identity) else { return }
        if let current = attached[identity] {
            guard current.port.isClosed else { return }
            detach(identity, reason: "its port closed")
        }
        do {
            let port = try open(entry)
            let device = AttachedDevice(identity: identity, role: entry.rule.role, devnode: entry.devnode, rule: entry.rule, port: port)
            attached[identity] = device
            lastFailure[identity] = nil
            logger.info("device attached", metadata: [
                "identity": "\(identity)", "role": "\(entry.rule.role.rawValue)", "kind": "\(entry.rule.kind.rawValue)", "devnode": "\(entry.devnode)",
            ])
            eventsContinuation.yield(.attached(device))
        } catch {
            // Report a failure once until it changes or succeeds, not every poll.
            guard lastFailure[identity] != error.code else { return }
            lastFailure[identity] = error.code
            logger.warning("cannot open a configured device", metadata: ["identity": "\(identity)", "error": "\(error)"])
            eventsContinuation.yield(.openFailed(identity, error))
        }
    }

    private func open(_ entry: Wanted) throws(DeviceIOError) -> DevicePort {
        let syscalls = configuration.syscalls
        switch entry.rule.kind {
        case .serial:
            return .serial(try SerialPort.open(path: entry.devnode, settings: SerialSettings(baud: entry.rule.baud), syscalls: syscalls))
        case .keyboard:
            return .keyboard(try KeyboardPort.open(path: entry.devnode, syscalls: syscalls))
        }
    }

    private func detach(_ identity: DeviceIdentity, reason: String) {
        guard let device = attached.removeValue(forKey: identity) else { return }
        device.port.close()
        logger.info("device detached", metadata: ["identity": "\(identity)", "reason": "\(reason)"])
        eventsContinuation.yield(.detached(identity, device.role))
    }

    private func shutDown() {
        for identity in attached.keys { detach(identity, reason: "shutting down") }
        eventsContinuation.finish()
    }
}
