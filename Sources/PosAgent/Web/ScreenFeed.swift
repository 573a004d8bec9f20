import Foundation
import Hummingbird
import Loyalty

/// The cashier screen's live view as server-sent events: each `state` event is what the counter looks like
/// now (devices, the tablet's prompt, the upload backlog), sent when it changes, never twice the same.
struct ScreenFeed: Sendable {
    let desk: any CheckoutDesk
    let ledger: Ledger
    /// How often the backlog (which no device event announces) is looked at.
    var tick: Duration = .seconds(2)
    /// A comment line at least this often, so a dead connection is noticed and proxies keep it open.
    var keepAlive: Duration = .seconds(15)

    struct State: Encodable, Equatable {
        var devices: [DeviceState]
        var prompt: PromptState?
        /// Transactions not yet uploaded; nil when the ledger could not be read.
        var backlog: Int?
    }

    func state() async -> State {
        State(devices: await desk.devices(), prompt: await desk.pendingPrompt(),
              backlog: try? await ledger.outboxBacklog().count)
    }

    func response() -> Response {
        let body = ResponseBody { [self] writer in
            // Tells EventSource to reconnect after 2 s when the daemon restarts.
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in desk.changes.follow() { wake.yield() }
                    wake.finish()
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: tick)
                        wake.yield()
                    }
                }
                var last: Data?
                var quiet: Duration = .zero
                for await _ in wakes {
                    let data = try JSONEncoder.api.encode(await state())
                    if data != last {
                        try await writer.write(ByteBuffer(string: "event: state\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                        last = data
                        quiet = .zero
                    } else {
                        quiet += tick
                        if quiet >= keepAlive {
                            try await writer.write(ByteBuffer(string: ": still here\n\n"))
                            quiet = .zero
                        }
                    }
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8"], body: body)
    }
}
