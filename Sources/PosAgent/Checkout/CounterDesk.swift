import DeviceIO
import Foundation
import Logging
import Loyalty

/// The checkout desk of a counter with a tablet and a scanner: one prompt at a time on the tablet,
/// answered by the customer's keypad or by the scanner, whichever comes first. A prompt for the member
/// takes membership cards and a prompt for a coupon takes coupon codes; the other kind is ignored.
actor CounterDesk: CheckoutDesk {
    private let hub: DeviceHub
    private let promptTimeout: Duration
    private let resultDisplay: Duration
    private let logger: Logger

    nonisolated let changes = DeskChanges()
    private var connected = CounterDevices() {
        didSet { changes.changed() }
    }
    private var pending: PendingPrompt? {
        didSet { if oldValue?.number != pending?.number { changes.changed() } }
    }
    private var promptCount = 0
    /// Bumped by every screen shown, so a late "back to idle" never clears a newer screen.
    private var screenGeneration = 0

    init(hub: DeviceHub, promptTimeout: Duration, resultDisplay: Duration = .seconds(5), logger: Logger) {
        self.hub = hub
        self.promptTimeout = promptTimeout
        self.resultDisplay = resultDisplay
        self.logger = logger
    }

    /// Follows the devices' inputs until the hub stops; run it beside the hub.
    func consumeInputs() async {
        for await input in hub.inputs { handle(input) }
    }

    // MARK: CheckoutDesk

    func identifyCustomer(title: String, amount: Won?) async throws -> MemberKey {
        let prompt = TabletPrompt(mode: .barcodeOrPhone, title: title, amount: amount, timeoutSeconds: timeoutSeconds)
        switch try await ask(prompt, scans: .membershipCards) {
        case .typed(let value):
            do {
                return .phone(try PhoneNumber(parsing: value))
            } catch {
                await showBriefly(.message(text: "휴대폰 번호를 다시 확인해 주세요"))
                throw error
            }
        case .scanned(let code):
            return .barcode(code)
        }
    }

    func askPoints(title: String, balance: Points, amount: Won) async throws -> Points {
        let prompt = TabletPrompt(mode: .points, title: title, amount: amount, balance: balance, timeoutSeconds: timeoutSeconds)
        guard case .typed(let value) = try await ask(prompt, scans: nil), let points = Int64(value) else {
            await showBriefly(.message(text: "포인트를 숫자로 입력해 주세요"))
            throw Problem(status: .unprocessableContent, code: "bad_points_input", detail: "the customer did not enter a whole number of points; ask again")
        }
        return points
    }

    func askCode(title: String) async throws -> String {
        let prompt = TabletPrompt(mode: .otp, title: title, timeoutSeconds: timeoutSeconds)
        guard case .typed(let value) = try await ask(prompt, scans: nil) else {
            throw Problem(status: .unprocessableContent, code: "bad_code_input", detail: "the customer gave no code; ask again")
        }
        return value
    }

    func scanCoupon(title: String) async throws -> String {
        let prompt = TabletPrompt(mode: .scan, title: title, timeoutSeconds: timeoutSeconds)
        switch try await ask(prompt, scans: .coupons) {
        case .scanned(let code), .typed(let code): return code
        }
    }

    func showResult(_ result: OperationResult, title: String?) async {
        await showBriefly(.result(TabletScreens.result(for: result, title: title)))
    }

    func showMessage(_ text: String) async {
        await showBriefly(.message(text: text))
    }

    func cancelPrompt() async -> Bool {
        guard pending != nil else { return false }
        finish(throwing: Problem(status: .conflict, code: "prompt_cancelled", detail: "the cashier cancelled the prompt"))
        await showIdle()
        return true
    }

    func devices() async -> [DeviceState] {
        let open = Dictionary(await hub.devices().map { ($0.identity.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return connected.states.map { state in
            var state = state
            let status = state.identity.flatMap { open[$0] }
            state.kind = status?.kind.rawValue
            state.node = status?.devnode
            state.images = status?.images
            return state
        }
    }

    func pendingPrompt() async -> PromptState? {
        guard let prompt = pending?.prompt else { return nil }
        return PromptState(mode: prompt.mode.rawValue, title: prompt.title, amount: prompt.amount, balance: prompt.balance,
                           timeoutSeconds: prompt.timeoutSeconds)
    }

    // MARK: Prompts

    private enum Answer: Sendable {
        case typed(String)
        case scanned(String)
    }

    /// Which scanned codes answer a prompt.
    private enum Scans {
        case membershipCards
        case coupons
    }

    private struct PendingPrompt {
        var number: Int
        var prompt: TabletPrompt
        var mode: PromptMode { prompt.mode }
        var scans: Scans?
        /// When the prompt gives up: counted from before it was sent, as the tablet counts from its arrival.
        var deadline: ContinuousClock.Instant
        var continuation: CheckedContinuation<Answer, any Error>?
        /// An answer that came before the continuation was in place.
        var early: Result<Answer, any Error>?
    }

    private var timeoutSeconds: Int { Int(promptTimeout.components.seconds) }

    private func ask(_ prompt: TabletPrompt, scans: Scans?) async throws -> Answer {
        guard pending == nil else {
            throw Problem(status: .conflict, code: "tablet_busy",
                          detail: "the tablet is already waiting for a customer; wait for it, or cancel it with DELETE /v1/prompt")
        }
        guard connected.hasTablet else { throw DeviceFreeDesk.noTablet }
        promptCount += 1
        let number = promptCount
        // Reserved before the first suspension, so a second caller sees the tablet busy.
        let deadline = ContinuousClock.now + promptTimeout
        pending = PendingPrompt(number: number, prompt: prompt, scans: scans, deadline: deadline)
        do {
            screenGeneration += 1
            try await hub.show(.prompt(prompt))
        } catch {
            pending = nil
            throw Problem(status: .serviceUnavailable, code: "tablet_unresponsive",
                          detail: "the tablet did not take the prompt (\(error)); check its cable, or give the member in the request")
        }
        let timeout = Task {
            try await Task.sleep(until: deadline)
            await self.expire(number)
        }
        defer { timeout.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                install(continuation, for: number)
            }
        } onCancel: {
            Task { await self.abandon(number) }
        }
    }

    private func install(_ continuation: CheckedContinuation<Answer, any Error>, for number: Int) {
        guard var prompt = pending, prompt.number == number else {
            continuation.resume(throwing: CancellationError())
            return
        }
        if let early = prompt.early {
            pending = nil
            continuation.resume(with: early)
            return
        }
        prompt.continuation = continuation
        pending = prompt
    }

    private func finish(with answer: Result<Answer, any Error>) {
        guard var prompt = pending else { return }
        if let continuation = prompt.continuation {
            pending = nil
            continuation.resume(with: answer)
        } else {
            prompt.early = answer
            pending = prompt
        }
    }

    private func finish(throwing error: any Error) { finish(with: .failure(error)) }

    private func expire(_ number: Int) async {
        guard pending?.number == number else { return }
        finish(throwing: promptTimedOut)
        await showIdle()
    }

    private var promptTimedOut: Problem {
        Problem(status: .requestTimeout, code: "prompt_timeout",
                detail: "the customer did not answer within \(timeoutSeconds) s; start again, or type the number for them")
    }

    /// The tablet cancels a prompt by itself when its own timer runs out; a cancel that near the deadline
    /// is that timeout, not the customer pressing cancel.
    private static let tabletTimerMargin = Duration.seconds(1)

    /// The caller went away (the HTTP client disconnected): free the tablet.
    private func abandon(_ number: Int) async {
        guard pending?.number == number else { return }
        finish(throwing: CancellationError())
        await showIdle()
    }

    // MARK: Device inputs

    private func handle(_ input: DeviceInput) {
        switch input {
        case .attached(let identity, let role):
            connected.attach(identity, as: role)
        case .detached(let identity, _):
            if connected.detach(identity) { tabletLost() }
        case .tablet(.present(let info), let identity):
            connected.tabletAnswered(identity, info)
        case .tablet(.unresponsive, let identity):
            if connected.loseTablet(identity) { tabletLost() }
        case .tablet(.input(let mode, let value), _):
            guard let prompt = pending else {
                logger.debug("tablet input with no prompt pending", metadata: ["mode": "\(mode.rawValue)"])
                return
            }
            guard Self.mode(mode, answers: prompt.mode) else {
                logger.info("tablet input for another prompt ignored", metadata: ["mode": "\(mode.rawValue)"])
                return
            }
            finish(with: .success(.typed(value)))
        case .tablet(.cancel, _):
            guard let prompt = pending else { return }
            if ContinuousClock.now >= prompt.deadline - Self.tabletTimerMargin {
                finish(throwing: promptTimedOut)
            } else {
                finish(throwing: Problem(status: .conflict, code: "customer_cancelled", detail: "the customer cancelled on the tablet"))
            }
        case .scanned(let barcode, _):
            guard let prompt = pending, let scans = prompt.scans else {
                logger.info("a code was scanned with no prompt for a card or coupon pending; ignored")
                return
            }
            let isCoupon = CouponCode.looksLikeCoupon(barcode.value)
            guard isCoupon == (scans == .coupons) else {
                logger.info(isCoupon ? "a coupon was scanned while the tablet asks for the member; ignored"
                                     : "a code that is not a coupon was scanned while the tablet asks for a coupon; ignored")
                return
            }
            finish(with: .success(.scanned(barcode.value)))
        case .tablet(.key, _), .scanRejected:
            break
        }
    }

    private func tabletLost() {
        finish(throwing: Problem(status: .serviceUnavailable, code: "tablet_unresponsive",
                                 detail: "the tablet went away during the prompt; check it, or give the member in the request"))
    }

    private static func mode(_ answered: PromptMode, answers asked: PromptMode) -> Bool {
        switch asked {
        case .barcodeOrPhone, .phone: answered == .phone || answered == .barcodeOrPhone
        default: answered == asked
        }
    }

    // MARK: Screens

    /// Shows a screen, then the idle screen a few seconds later unless something newer was shown.
    private func showBriefly(_ message: AgentMessage) async {
        screenGeneration += 1
        let generation = screenGeneration
        do {
            try await hub.show(message)
        } catch {
            logger.info("the tablet did not show the screen", metadata: ["error": "\(error)"])
            return
        }
        Task { [resultDisplay] in
            try? await Task.sleep(for: resultDisplay)
            await self.showIdle(ifStill: generation)
        }
    }

    private func showIdle(ifStill generation: Int? = nil) async {
        if let generation, generation != screenGeneration || pending != nil { return }
        screenGeneration += 1
        try? await hub.show(.idle)
    }
}
