import DeviceIO
import Foundation
import Synchronization
import Testing

/// The checkout flows through the real daemon with a virtual tablet and scanner on real ptys: the customer
/// answers on the tablet or with a card on the scanner, the cashier or the POS waits on the socket.
extension DaemonSuites {
@Suite(.serialized) struct DaemonCheckoutTests {
    /// A daemon whose [[devices]] are a virtual tablet and scanner run by the test.
    final class Counter: @unchecked Sendable {
        let tablet: VirtualTablet
        let scanner: VirtualScanner
        let daemon: DaemonHarness
        private let tabletTask: Task<Void, any Error>

        private init(tablet: VirtualTablet, scanner: VirtualScanner, daemon: DaemonHarness, tabletTask: Task<Void, any Error>) {
            self.tablet = tablet
            self.scanner = scanner
            self.daemon = daemon
            self.tabletTask = tabletTask
        }

        static func launch(promptTimeout: Int = 60, extraConfiguration: String = "", takesImages: Bool = true) async throws -> Counter {
            let tablet = try VirtualTablet(configuration: .init(takesImages: takesImages))
            let scanner = try VirtualScanner()
            let tabletTask = Task { try await tablet.run() }
            let daemon = try await DaemonHarness.launch(extraConfiguration: """

                [checkout]
                prompt_timeout_seconds = \(promptTimeout)

                [[devices]]
                role = "tablet"
                path = "\(tablet.devicePath)"
                baud = 115200

                [[devices]]
                role = "scanner"
                path = "\(scanner.devicePath)"
                \(extraConfiguration)
                """)
            let counter = Counter(tablet: tablet, scanner: scanner, daemon: daemon, tabletTask: tabletTask)
            try await waitUntil("the tablet is present") {
                try await daemon.request("GET", "/v1/devices").body.contains(#""present":true,"role":"tablet""#)
            }
            #expect(try await daemon.request("GET", "/v1/devices").body.contains(#""kind":"serial""#), "an attached device says how it is read")
            let devices = try await daemon.request("GET", "/v1/devices").body
            #expect(devices.contains(#""node":"\#(tablet.devicePath)""#), "an attached device names its node: \(devices)")
            #expect(devices.contains(#""identity":"path:\#(tablet.devicePath)""#), "and its identity: \(devices)")
            return counter
        }

        deinit {
            tabletTask.cancel()
            tablet.close()
            scanner.close()
        }

        /// Starts a request that waits for the customer; its reply arrives later.
        func begin(_ method: String, _ path: String, body: String, key: String) -> PendingReply {
            let pending = PendingReply()
            let daemon = self.daemon
            DispatchQueue.global().async {
                pending.set(Result { try daemon.requestBlocking(method, path, body: body, key: key) })
            }
            return pending
        }

        /// Returns once the tablet no longer shows a prompt.
        func waitForNoPrompt() async throws {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if await tablet.prompt == nil { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw DaemonHarnessError(description: "the tablet still shows a prompt")
        }

        /// The prompt the tablet shows once the daemon asked for `request`. If the request ends first
        /// (a 503 tablet_unresponsive, say), this throws at once with its reply rather than waiting on.
        func waitForPrompt(for request: PendingReply) async throws -> TabletPrompt {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                if let prompt = await tablet.prompt { return prompt }
                switch request.finished {
                case .success(let reply)?:
                    throw DaemonHarnessError(description: "the tablet showed no prompt; the request ended with \(reply.status): \(reply.body)")
                case .failure(let error)?:
                    throw DaemonHarnessError(description: "the tablet showed no prompt; the request failed: \(error)")
                case nil:
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            throw DaemonHarnessError(description: "the tablet showed no prompt within 15 s and the request is still open: \(daemon.log())")
        }
    }

    final class PendingReply: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let result = Mutex<Result<DaemonHarness.Reply, any Error>?>(nil)

        func set(_ result: Result<DaemonHarness.Reply, any Error>) {
            self.result.withLock { $0 = result }
            done.signal()
        }

        /// The reply if the request has ended, without waiting for it.
        var finished: Result<DaemonHarness.Reply, any Error>? {
            result.withLock { $0 }
        }

        func reply() async throws -> DaemonHarness.Reply {
            try await offPool { try self.wait() }
        }

        func wait() throws -> DaemonHarness.Reply {
            guard done.wait(timeout: .now() + 30) == .success, let result = finished else {
                throw DaemonHarnessError(description: "no reply within 30 s")
            }
            return try result.get()
        }
    }

    @Test func selfServiceAccrualByPhoneOnTheTablet() async throws {
        let counter = try await Counter.launch()
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":15000}"#, key: "self-1")
        let prompt = try await counter.waitForPrompt(for: reply)
        #expect(prompt.mode == .barcodeOrPhone)
        #expect(prompt.amount == 15_000)
        try await counter.tablet.enter("01012345678")
        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        let json = try answer.json()
        #expect((json["member"] as? [String: Any])?["phone"] as? String == "010-****-5678")
        #expect((json["transaction"] as? [String: Any])?["points"] as? Int == 150)
        #expect(json["enrolled"] as? Bool == true)
        let screens = counter.tablet.screens
        let result = try await withThrowingTaskGroup(of: TabletResult?.self) { group in
            group.addTask {
                for await screen in screens { if case .result(let result) = screen { return result } }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(15))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(result?.title == "적립 완료")
        #expect(result?.lines.contains("잔여 포인트 150") == true)
    }

    @Test func aMembershipCardOnTheScannerAnswersThePrompt() async throws {
        let counter = try await Counter.launch()
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":20000}"#, key: "scan-1")
        _ = try await counter.waitForPrompt(for: reply)
        try counter.scanner.scan("880012345678")
        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        #expect((try answer.json()["member"] as? [String: Any])?["barcode"] as? String == "880012345678")
    }

    @Test func oneAtATimeAndTheCashierCanCancel() async throws {
        let counter = try await Counter.launch()
        let first = counter.begin("POST", "/v1/accruals", body: #"{"payment":10000}"#, key: "busy-1")
        _ = try await counter.waitForPrompt(for: first)
        let second = try await counter.daemon.request("POST", "/v1/stamp-uses", body: #"{"stamps":1}"#, key: "busy-2")
        #expect(second.status == 409)
        #expect(second.code == "tablet_busy")
        let cancelled = try await counter.daemon.request("DELETE", "/v1/prompt")
        #expect(cancelled.status == 200)
        let answer = try await first.reply()
        #expect(answer.status == 409)
        #expect(answer.code == "prompt_cancelled")
        try await counter.waitForNoPrompt()
        #expect(try await counter.daemon.request("GET", "/v1/transactions?range=all").body.contains(#""transactions":[]"#))
    }

    @Test func theCustomerCanCancelOnTheTablet() async throws {
        let counter = try await Counter.launch()
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":10000}"#, key: "c-1")
        _ = try await counter.waitForPrompt(for: reply)
        try await counter.tablet.cancel()
        let answer = try await reply.reply()
        #expect(answer.status == 409)
        #expect(answer.code == "customer_cancelled")
    }

    @Test func anUnansweredPromptTimesOut() async throws {
        let counter = try await Counter.launch(promptTimeout: 5)
        let started = Date()
        let reply = counter.begin("POST", "/v1/accruals", body: #"{"payment":10000}"#, key: "t-1")
        let prompt = try await counter.waitForPrompt(for: reply)
        #expect(prompt.timeoutSeconds == 5)
        let answer = try await reply.reply()
        #expect(answer.status == 408)
        #expect(answer.code == "prompt_timeout")
        #expect(Date().timeIntervalSince(started) >= 4.5)
        // The daemon counts the timeout from before sending, the tablet from arrival, and the idle screen
        // follows the reply: the old prompt can still show for a moment, and typing into it answers nothing.
        try await counter.waitForNoPrompt()
        // The tablet is free again.
        let next = counter.begin("POST", "/v1/accruals", body: #"{"payment":10000}"#, key: "t-2")
        _ = try await counter.waitForPrompt(for: next)
        try await counter.tablet.enter("01099998888")
        #expect(try await next.reply().status == 200)
    }

    @Test func theCustomerTypesThePointsToUse() async throws {
        let counter = try await Counter.launch()
        let accrued = try await counter.daemon.request(
            "POST", "/v1/accruals", body: #"{"member":{"phone":"010-5555-6666"},"payment":300000}"#, key: "p-0")
        #expect(accrued.status == 200)
        let reply = counter.begin("POST", "/v1/point-uses", body: #"{"member":{"phone":"010-5555-6666"},"payment":20000}"#, key: "p-1")
        let prompt = try await counter.waitForPrompt(for: reply)
        #expect(prompt.mode == .points)
        #expect(prompt.balance == 3_000)
        try await counter.tablet.enter("2000")
        let answer = try await reply.reply()
        #expect(answer.status == 200, "\(answer.body)")
        #expect((try answer.json()["member"] as? [String: Any])?["points"] as? Int == 1_000)
    }

    @Test func anUnpluggedTabletIsSaidAtOnce() async throws {
        let counter = try await Counter.launch()
        counter.tablet.close()
        try await waitUntil("the tablet is gone") {
            try await counter.daemon.request("GET", "/v1/devices").body.contains(#""present":false,"role":"tablet""#)
        }
        let reply = try await counter.daemon.request("POST", "/v1/accruals", body: #"{"payment":10000}"#, key: "u-1")
        #expect(reply.status == 503)
        #expect(reply.code == "no_tablet")
    }
}
}
