import Logging

/// The devices as the daemon sees them: discovery, scanners and tablets behind one input stream,
/// and the way back to the tablet's screen. Run it as one service of the daemon.
public actor DeviceHub {
    public struct Configuration: Sendable {
        public var discovery: DeviceManager.Configuration
        public var tablet: TabletConnection.Configuration
        /// The same code again within this window is one scan.
        public var scanDebounce: Duration
        /// How long a `probe` device has to answer hello before it is left alone until replugged.
        public var probeTimeout: Duration

        public init(
            discovery: DeviceManager.Configuration = .init(), tablet: TabletConnection.Configuration = .init(),
            scanDebounce: Duration = .milliseconds(700), probeTimeout: Duration = .seconds(3)
        ) {
            self.discovery = discovery
            self.tablet = tablet
            self.scanDebounce = scanDebounce
            self.probeTimeout = probeTimeout
        }
    }

    private let manager: DeviceManager
    private let configuration: Configuration
    private let logger: Logger
    private var tablets: [DeviceIdentity: TabletConnection] = [:]
    /// The marketing images every tablet's idle screen rotates, and for how long each.
    private var images: (images: [TabletImage], keeping: Set<String>?, secondsPerImage: Int) = ([], nil, 8)

    /// Inputs in order; finishes when `run()` returns.
    public nonisolated let inputs: AsyncStream<DeviceInput>
    private let inputsContinuation: AsyncStream<DeviceInput>.Continuation

    /// - Parameters:
    ///   - rules: the `[[devices]]` of the configuration.
    ///   - source: udev in the daemon (ttys, and input nodes when a rule is a keyboard); a fake in tests.
    public init(
        rules: [DeviceRule], source: (any DeviceSource)? = nil, configuration: Configuration = .init(),
        logger: Logger = Logger(label: "posagent.devices")
    ) {
        manager = DeviceManager(
            rules: rules, source: source ?? UdevDeviceSource(for: rules), configuration: configuration.discovery, logger: logger)
        self.configuration = configuration
        self.logger = logger
        (inputs, inputsContinuation) = AsyncStream.makeStream()
    }

    /// The tablets present now.
    public func presentTablets() async -> [DeviceIdentity: TabletInfo] {
        var present: [DeviceIdentity: TabletInfo] = [:]
        for (identity, connection) in tablets {
            if let info = await connection.info { present[identity] = info }
        }
        return present
    }

    /// The marketing images the idle screens rotate, in order; each tablet that takes images is sent those it
    /// lacks while it is idle.
    public func showImages(_ images: [TabletImage], keeping: Set<String>? = nil, secondsPerImage: Int) async {
        self.images = (images, keeping, secondsPerImage)
        for connection in tablets.values { await connection.showImages(images, keeping: keeping, secondsPerImage: secondsPerImage) }
    }

    /// Every attached device, sorted by identity.
    public func devices() async -> [DeviceStatus] {
        var statuses: [DeviceStatus] = []
        for device in await manager.attachedDevices {
            let info = await tablets[device.identity]?.info
            statuses.append(DeviceStatus(
                identity: device.identity, role: device.role, kind: device.kind, devnode: device.devnode,
                baud: device.kind == .serial ? device.rule.baud : nil, tablet: info,
                images: await tablets[device.identity]?.imageCounts.map { ImageCounts(held: $0.held, toSend: $0.toSend) }))
        }
        return statuses.sorted { $0.identity.rawValue < $1.identity.rawValue }
    }

    /// Shows a screen on the present tablet (the first by identity if there are several).
    /// Throws `.noTablet` when none is present, `.unresponsive` when it acknowledged nothing.
    public func show(_ message: AgentMessage) async throws(DeviceIOError) {
        for identity in tablets.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let connection = tablets[identity], await connection.isPresent else { continue }
            try await connection.show(message)
            return
        }
        throw DeviceIOError(.noTablet, "no tablet is present; check its cable and its [[devices]] rule")
    }

    /// Runs discovery and every device until cancelled; closes every port on return.
    public func run() async throws {
        defer { inputsContinuation.finish() }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.manager.run() }
            for await event in manager.events {
                switch event {
                case .attached(let device):
                    inputsContinuation.yield(.attached(device.identity, device.role))
                    if let scans = scanner(device) {
                        group.addTask { await self.readScanner(device, scans) }
                    } else if let port = device.port.serial {
                        let connection = TabletConnection(port: port, configuration: configuration.tablet, logger: logger)
                        tablets[device.identity] = connection
                        await connection.showImages(images.images, keeping: images.keeping, secondsPerImage: images.secondsPerImage)
                        group.addTask { await self.serveTablet(device, connection) }
                    }
                case .detached(let identity, let role):
                    tablets[identity] = nil
                    inputsContinuation.yield(.detached(identity, role))
                case .openFailed:
                    break
                }
            }
            group.cancelAll()
        }
    }

    /// A scanner's scans: lines of a tty, or key events of an input node with its rule's timing,
    /// through the same checks and debounce. Nil for a tablet or a probe.
    private func scanner(_ device: AttachedDevice) -> ScannerConnection? {
        guard device.role == .scanner else { return nil }
        switch device.port {
        case .serial(let port):
            return ScannerConnection(port: port, debounceWindow: configuration.scanDebounce)
        case .keyboard(let port):
            return ScannerConnection(
                keyboard: port, interKeyTimeout: device.rule.interKeyTimeout, tabEndsCode: device.rule.tabEndsCode,
                debounceWindow: configuration.scanDebounce)
        }
    }

    private func readScanner(_ device: AttachedDevice, _ scans: ScannerConnection) async {
        do {
            for try await event in scans {
                switch event {
                case .scanned(let barcode):
                    inputsContinuation.yield(.scanned(barcode, from: device.identity))
                case .rejected(let rejection):
                    logger.warning("discarded a scanner line", metadata: ["identity": "\(device.identity)", "reason": "\(rejection)"])
                    inputsContinuation.yield(.scanRejected(rejection, from: device.identity))
                }
            }
        } catch {
            logger.info("scanner stopped", metadata: ["identity": "\(device.identity)", "error": "\(error)"])
        }
    }

    private func serveTablet(_ device: AttachedDevice, _ connection: TabletConnection) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in connection.events {
                    await self.forward(.tablet(event, from: device.identity))
                }
            }
            if device.role == .probe {
                group.addTask {
                    try? await Task.sleep(for: self.configuration.probeTimeout)
                    guard !Task.isCancelled, await !connection.isPresent else { return }
                    self.logger.info("nothing answered hello; leaving the device closed until it is plugged in again", metadata: ["identity": "\(device.identity)"])
                    await self.manager.ignoreUntilReplug(device.identity, ifPortIs: device.port)
                }
            }
            do {
                try await connection.run()
            } catch {
                logger.info("tablet stopped", metadata: ["identity": "\(device.identity)", "error": "\(error)"])
            }
            group.cancelAll()
        }
    }

    private func forward(_ input: DeviceInput) {
        inputsContinuation.yield(input)
    }
}
