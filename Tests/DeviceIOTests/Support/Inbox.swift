import Testing
@testable import DeviceIO

/// Collects what an async source produces, so a test can wait for the next item with a generous
/// deadline that only guards against hangs (never a timing assertion).
actor Inbox<Item: Sendable> {
    private var items: [Item] = []
    private var finished = false

    struct TimedOut: Error, CustomStringConvertible {
        var description: String
    }

    func put(_ item: Item) { items.append(item) }
    func finish() { finished = true }

    /// Starts forwarding a sequence into the inbox.
    @discardableResult
    nonisolated func collect<S: AsyncSequence & Sendable>(_ sequence: S) -> Task<Void, Never> where S.Element == Item {
        Task {
            do {
                for try await item in sequence { await self.put(item) }
            } catch {}
            await self.finish()
        }
    }

    func next(within limit: Duration = .seconds(10), _ what: String = "an item") async throws -> Item {
        let deadline = ContinuousClock.now + limit
        while items.isEmpty {
            if finished { throw TimedOut(description: "the source finished before \(what) arrived") }
            guard ContinuousClock.now < deadline else { throw TimedOut(description: "no \(what) within \(limit)") }
            try await Task.sleep(for: .milliseconds(5))
        }
        return items.removeFirst()
    }

    /// Items that arrived within `wait`, for checking that something did not happen.
    func drain(after wait: Duration) async throws -> [Item] {
        try await Task.sleep(for: wait)
        defer { items.removeAll() }
        return items
    }

    /// Waits until the source finishes.
    func waitUntilFinished(within limit: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + limit
        while !finished {
            guard ContinuousClock.now < deadline else { throw TimedOut(description: "the source did not finish within \(limit)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// The far end of a pty driven by hand, byte by byte, to check the link layer against the spec
/// rather than against itself.
struct RawPeer {
    let terminal: PseudoTerminal
    let events = Inbox<FrameEvent>()

    init() throws {
        terminal = try PseudoTerminal.open()
        let decoded = terminal.controller.bytes()
        let events = self.events
        Task {
            var decoder = FrameDecoder()
            do {
                for try await chunk in decoded {
                    for event in decoder.feed(chunk) { await events.put(event) }
                }
            } catch {}
            await events.finish()
        }
    }

    var devicePath: String { terminal.devicePath }

    func send(_ bytes: [UInt8]) throws { try terminal.controller.write(bytes) }

    func sendFrame(_ json: String) throws {
        try send(FrameFormat.encode(payload: Array(json.utf8)))
    }

    /// The next frame the device end sent, as JSON text.
    func nextFrame() async throws -> String {
        while true {
            if case .frame(let payload) = try await events.next(within: .seconds(10), "a frame") {
                return String(decoding: payload, as: UTF8.self)
            }
        }
    }

    func close() { terminal.close() }
}
