import Foundation

/// A tablet on a pseudo-terminal that speaks the protocol as the real one does: it answers
/// `hello`, sends heartbeats, acknowledges and retransmits frames, and keeps the screen it was
/// last told to show. Tests, the demo and `posagent simulate tablet` drive it.
public actor VirtualTablet {
    public struct Configuration: Sendable {
        public var info: TabletInfo
        public var heartbeatInterval: Duration
        public var link: TabletLink<TabletMessage, AgentMessage>.Configuration
        /// Whether it takes marketing images (says which it holds in its hello); false is a tablet of before.
        public var takesImages: Bool
        /// Where it keeps the images, so a replugged tablet still holds them; nil keeps them in memory.
        public var imageFolder: String?

        public init(
            info: TabletInfo = TabletInfo(model: "posagent-virtual-tablet", firmware: "1.0.0", serial: "VT-0001"),
            heartbeatInterval: Duration = .seconds(2),
            link: TabletLink<TabletMessage, AgentMessage>.Configuration = .init(),
            takesImages: Bool = true, imageFolder: String? = nil
        ) {
            self.info = info
            self.heartbeatInterval = heartbeatInterval
            self.link = link
            self.takesImages = takesImages
            self.imageFolder = imageFolder
        }
    }

    private let terminal: PseudoTerminal
    private let configuration: Configuration
    public nonisolated let link: TabletLink<TabletMessage, AgentMessage>
    /// Every message the agent sent, in order; finishes when `run()` returns.
    public nonisolated let screens: AsyncStream<AgentMessage>
    private let screensContinuation: AsyncStream<AgentMessage>.Continuation
    /// The prompt on screen, if the last thing shown was a prompt.
    public private(set) var prompt: TabletPrompt?
    /// When the prompt on screen gives up by itself (its `timeoutSeconds`).
    private var promptDeadline: ContinuousClock.Instant?
    private var greeted = false
    private var keeper: ImageKeeper?
    /// What the idle screen rotates, when the agent last said.
    public private(set) var rotation: IdleRotation?
    /// Chunks received since the tablet started, good or not.
    public private(set) var chunksReceived = 0

    /// The path the daemon should open, e.g. /dev/pts/4.
    public nonisolated var devicePath: String { terminal.devicePath }

    public init(configuration: Configuration = .init()) throws(DeviceIOError) {
        terminal = try PseudoTerminal.open()
        self.configuration = configuration
        link = TabletLink(port: terminal.controller, configuration: configuration.link)
        (screens, screensContinuation) = AsyncStream.makeStream()
        if configuration.takesImages {
            keeper = ImageKeeper(folder: configuration.imageFolder.map { URL(fileURLWithPath: $0, isDirectory: true) })
        }
    }

    /// The bytes of an image the tablet holds whole.
    public func imageBytes(_ sha256: String) -> [UInt8]? { keeper?.bytes(of: sha256) }

    /// What the tablet knows of an image it holds whole.
    public func heldImage(_ sha256: String) -> ImageFile? { keeper?.whole[sha256] }

    /// What it would say in its hello now.
    public var holdings: TabletHoldings? { keeper?.holdings }

    /// Serves the agent until `close()`; cancelling the task also closes the tablet.
    ///
    /// The tablet's tasks run on a thread of its own, as a real tablet has its own processor: a busy
    /// cooperative pool in the process that drives it (a test run, the benchmark) cannot hold back
    /// its ACKs past the agent's 300 ms and make it look unresponsive.
    public func run() async throws {
        defer { screensContinuation.finish() }
        let executor = ThreadExecutor(name: "posagent-virtual-tablet")
        defer { executor.stop() }
        try await withTaskExecutorPreference(executor) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.link.run() }
                group.addTask { await self.serve() }
                group.addTask { await self.beat() }
                group.addTask { await self.expirePrompts() }
                defer { group.cancelAll() }
                _ = try await group.next()
                group.cancelAll()
                while try await group.next() != nil {}
            }
        }
    }

    /// Sends a key press, as the keypad does for echo.
    public func press(_ key: TabletKey) async throws(DeviceIOError) {
        try await link.send(.key(key))
    }

    /// Types `value` key by key, then confirms it for the prompt on screen (or `mode`).
    public func enter(_ value: String, mode: PromptMode? = nil) async throws(DeviceIOError) {
        for character in value {
            if let key = TabletKey(wireName: String(character)) { try await press(key) }
        }
        try await submit(value, mode: mode)
    }

    /// Confirms a value without key presses.
    public func submit(_ value: String, mode: PromptMode? = nil) async throws(DeviceIOError) {
        let mode = mode ?? prompt?.mode ?? .phone
        promptDeadline = nil
        try await link.send(.input(mode: mode, value: value))
    }

    public func cancel() async throws(DeviceIOError) {
        promptDeadline = nil
        try await link.send(.cancel)
    }

    public func setFaults(_ faults: LinkFaults) async {
        await link.setFaults(faults)
    }

    /// Unplugs the tablet: the daemon's reads end as on a USB removal.
    public nonisolated func close() {
        terminal.close()
    }

    private func serve() async {
        for await message in link.messages {
            switch message {
            case .hello:
                greeted = true
                try? await link.send(.hello(configuration.info, holdings: keeper?.holdings))
            case .prompt(let shown):
                prompt = shown
                rotation = nil
                promptDeadline = shown.timeoutSeconds.map { .now + .seconds($0) }
            case .result, .message, .idle:
                prompt = nil
                promptDeadline = nil
                rotation = nil
            case .rotation(let shown):
                prompt = nil
                promptDeadline = nil
                rotation = shown
            case .image(let offer):
                await tell(keeper?.begin(offer))
            case .chunk(let chunk):
                chunksReceived += 1
                await tell(keeper?.receive(chunk))
            case .forget(let images):
                keeper?.forget(images)
            }
            screensContinuation.yield(message)
        }
    }

    private func tell(_ verdict: ImageKeeper.Verdict?) async {
        switch verdict {
        case .stored(let sha256): try? await link.send(.stored(sha256: sha256))
        case .need(let sha256, let offset): try? await link.send(.need(sha256: sha256, offset: offset))
        case nil: break
        }
    }

    /// A prompt left unanswered past its `timeoutSeconds` is cancelled, as the real tablet does.
    private func expirePrompts() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
            guard let deadline = promptDeadline, ContinuousClock.now >= deadline else { continue }
            promptDeadline = nil
            prompt = nil
            try? await link.send(.cancel)
        }
    }

    private func beat() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatInterval)
            if greeted { try? await link.send(.heartbeat) }
        }
    }
}
