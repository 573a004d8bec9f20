import DeviceIO
import Foundation
import Logging
import ServiceLifecycle

/// A virtual tablet and scanner on pseudo-terminals, for a shop PC (or a laptop) with no devices
/// plugged in: the daemon opens them like real ones, and the person at the terminal plays the customer.
///
/// Typed lines: a phone number or points (entered on the tablet for the prompt on screen), `scan CODE`
/// (a membership card on the scanner), `cancel` (the customer's cancel key).
struct SimulatedCounter: Service {
    let tablet: VirtualTablet
    let scanner: VirtualScanner
    let logger: Logger

    init(logger: Logger) throws {
        tablet = try VirtualTablet(configuration: .init(
            info: TabletInfo(model: "posagent-simulated-tablet", firmware: PosAgentVersion.current, serial: "SIM-TABLET")))
        scanner = try VirtualScanner()
        self.logger = logger
    }

    /// Path rules that make the daemon open the virtual devices as it would real ones.
    var rules: [DeviceRule] {
        [DeviceRule(role: .tablet, path: tablet.devicePath, baud: 115_200),
         DeviceRule(role: .scanner, path: scanner.devicePath, baud: 9_600)]
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func run() async throws {
        Self.say("""
            Simulated tablet on \(tablet.devicePath), simulated scanner on \(scanner.devicePath).
            When the tablet shows a prompt, type the customer's phone number (or points) and Enter,
            `scan CODE` to scan a membership card, or `cancel` for the customer's cancel key.
            """)
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await tablet.run() }
                    group.addTask {
                        for await screen in tablet.screens where screen != .hello {
                            Self.say("tablet: \(ScreenText.render(screen))")
                        }
                    }
                    group.addTask { await play(ConsoleInput.standardInputLines()) }
                }
            }
        } catch is CancellationError {
            tablet.close()
            scanner.close()
        }
    }

    private func play(_ lines: AsyncStream<String>) async {
        for await line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            do {
                if text.isEmpty { continue }
                if text == "cancel" {
                    try await tablet.cancel()
                } else if text.hasPrefix("scan ") {
                    try scanner.scan(String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces))
                } else {
                    try await tablet.enter(text.filter { $0 != "-" && $0 != " " })
                }
            } catch {
                Self.say("simulator: \(error)")
            }
        }
    }
}
