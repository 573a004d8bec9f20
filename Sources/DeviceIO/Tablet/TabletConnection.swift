import Logging

/// What the customer did at the tablet, or what became of the tablet.
public enum TabletEvent: Hashable, Sendable {
    /// The tablet answered `hello`: it is present and can be shown screens.
    case present(TabletInfo)
    /// A key press, for echo only.
    case key(TabletKey)
    /// The customer confirmed a value.
    case input(mode: PromptMode, value: String)
    /// The customer cancelled the prompt.
    case cancel
    /// The tablet missed its heartbeats or acknowledged nothing; it is no longer present.
    /// The connection keeps sending `hello` until it answers again.
    case unresponsive
}

/// The agent's end of a tablet: the hello exchange, presence, heartbeat watch, and screens out.
public actor TabletConnection {
    public struct Configuration: Sendable {
        public var link: TabletLink<AgentMessage, TabletMessage>.Configuration
        /// How often `hello` is sent while the tablet is not present.
        public var helloInterval: Duration
        /// Silence after which a present tablet counts as unresponsive (three missed 2 s heartbeats).
        public var heartbeatTimeout: Duration

        public init(
            link: TabletLink<AgentMessage, TabletMessage>.Configuration = .init(),
            helloInterval: Duration = .seconds(2),
            heartbeatTimeout: Duration = .seconds(6)
        ) {
            self.link = link
            self.helloInterval = helloInterval
            self.heartbeatTimeout = heartbeatTimeout
        }
    }

    public nonisolated let link: TabletLink<AgentMessage, TabletMessage>
    private let configuration: Configuration
    let logger: Logger
    /// Set by the tablet's `hello`, cleared when it goes silent.
    public private(set) var info: TabletInfo?
    private var lastHeard = ContinuousClock.now
    /// The marketing images to send and rotate (see `TabletConnection+Images.swift`).
    var delivery = ImageDelivery()
    /// Whether the tablet shows its idle screen and no other screen waits to be sent: only then are images sent.
    var onIdleScreen = true
    /// Bumped by every screen, so an idle screen acknowledged after a newer screen was asked for does not
    /// count as the screen on show.
    private var screenNumber = 0
    let doorbell: AsyncStream<Void>
    let doorbellContinuation: AsyncStream<Void>.Continuation

    /// Events in order; finishes when `run()` returns.
    public nonisolated let events: AsyncStream<TabletEvent>
    private let eventsContinuation: AsyncStream<TabletEvent>.Continuation

    public init(port: SerialPort, configuration: Configuration = .init(), logger: Logger = Logger(label: "posagent.tablet")) {
        self.link = TabletLink(port: port, configuration: configuration.link, logger: logger)
        self.configuration = configuration
        self.logger = logger
        (events, eventsContinuation) = AsyncStream.makeStream()
        (doorbell, doorbellContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    public var isPresent: Bool { info != nil }

    /// Runs the connection until the port closes (returns) or the device goes away (throws
    /// `.disconnected`). Cancelling the task closes the port.
    public func run() async throws {
        defer { eventsContinuation.finish() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.link.run() }
            group.addTask { await self.consume() }
            group.addTask { await self.supervise() }
            group.addTask { await self.deliverImages() }
            defer { group.cancelAll() }
            _ = try await group.next()
            group.cancelAll()
            while try await group.next() != nil {}
        }
    }

    /// Shows a screen; throws `.unresponsive` (and reports `.unresponsive`) if the tablet
    /// acknowledges none of the tries. A screen goes before any image frame not yet sent, and `.idle` to a
    /// tablet that takes images is the idle screen with its rotation.
    public func show(_ message: AgentMessage) async throws(DeviceIOError) {
        screenNumber += 1
        let number = screenNumber
        onIdleScreen = false
        defer { ringDoorbell() }
        var outgoing = message
        if case .idle = message, delivery.takesImages { outgoing = .rotation(delivery.rotation) }
        do {
            try await link.send(outgoing)
            if case .rotation(let rotation) = outgoing { delivery.shown(rotation) }
            if case .idle = message, number == screenNumber { onIdleScreen = true }
        } catch {
            if error.code == .unresponsive { markUnresponsive() }
            throw error
        }
    }

    private func consume() async {
        for await message in link.messages {
            lastHeard = .now
            switch message {
            case .hello(let tablet, let holdings):
                info = tablet
                delivery.greeted(holdings)
                onIdleScreen = true
                ringDoorbell()
                logger.info("tablet present", metadata: ["model": "\(tablet.model)", "firmware": "\(tablet.firmware)", "serial": "\(tablet.serial)"])
                eventsContinuation.yield(.present(tablet))
            case .heartbeat:
                break
            case .key(let key):
                eventsContinuation.yield(.key(key))
            case .input(let mode, let value):
                eventsContinuation.yield(.input(mode: mode, value: value))
            case .cancel:
                eventsContinuation.yield(.cancel)
            case .stored(let sha256):
                delivery.stored(sha256)
                ringDoorbell()
            case .need(let sha256, let offset):
                delivery.need(sha256, from: offset)
                ringDoorbell()
            }
        }
    }

    /// Says hello until the tablet answers, then watches for silence.
    private func supervise() async {
        // Fine enough that hello goes out close to every helloInterval and silence is noticed soon.
        let tick = min(configuration.helloInterval, configuration.heartbeatTimeout) / 4
        var lastHello: ContinuousClock.Instant?
        while !Task.isCancelled {
            if info == nil, lastHello.map({ ContinuousClock.now - $0 >= configuration.helloInterval }) ?? true {
                lastHello = .now
                do {
                    try await link.send(.hello)
                } catch {
                    logger.debug("tablet did not take hello", metadata: ["error": "\(error)"])
                }
            }
            if info != nil, ContinuousClock.now - lastHeard > configuration.heartbeatTimeout {
                logger.warning("tablet missed its heartbeats", metadata: ["silence": "\(ContinuousClock.now - lastHeard)"])
                markUnresponsive()
            }
            try? await Task.sleep(for: tick)
        }
    }

    func markUnresponsive() {
        guard info != nil else { return }
        info = nil
        eventsContinuation.yield(.unresponsive)
    }
}
