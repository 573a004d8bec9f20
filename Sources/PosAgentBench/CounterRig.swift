import DeviceIO
import Foundation

/// A shop counter for the benchmark: a virtual tablet and scanner on ptys, run in this process, and the
/// real daemon opening them through `[[devices]]` path rules, as it would open real ones. The tablet's
/// pty is reached through a `TabletTap`, which times frames as they are read off the pty.
final class CounterRig: @unchecked Sendable {
    let tablet: VirtualTablet
    let tap: TabletTap
    let scanner: VirtualScanner
    let screens: ScreenLog
    let daemon: DaemonProcess
    let database: String
    private let tabletTask: Task<Void, any Error>

    private init(tablet: VirtualTablet, tap: TabletTap, scanner: VirtualScanner, daemon: DaemonProcess, database: String) {
        self.tablet = tablet
        self.tap = tap
        self.scanner = scanner
        self.daemon = daemon
        self.database = database
        screens = ScreenLog(tablet.screens)
        tabletTask = Task { try await tablet.run() }
    }

    /// Starts the devices and the daemon and returns once the daemon sees both devices.
    static func launch(directory: String) async throws -> CounterRig {
        let tablet = try VirtualTablet()
        let tap = try TabletTap(tabletPath: tablet.devicePath)
        let scanner = try VirtualScanner()
        let database = directory + "/counter.sqlite"
        let daemon = try DaemonProcess(directory: directory, name: "counter", database: database, extra: """

            [checkout]
            prompt_timeout_seconds = 60

            [[devices]]
            role = "tablet"
            path = "\(tap.devicePath)"
            baud = 115200

            [[devices]]
            role = "scanner"
            path = "\(scanner.devicePath)"
            baud = 9600
            """)
        let rig = CounterRig(tablet: tablet, tap: tap, scanner: scanner, daemon: daemon, database: database)
        try await offPool {
            _ = try daemon.start()
            try daemon.waitUntilServing()
            try rig.waitForDevices()
        }
        return rig
    }

    /// Blocks until `GET /v1/devices` lists the tablet (it answered hello) and the scanner as present.
    private func waitForDevices(timeout: Double = 20) throws {
        let client = UnixSocketHTTP(socketPath: daemon.socketPath)
        let deadline = now() + timeout
        while now() < deadline {
            let body = (try? client.get("/v1/devices"))?.body ?? ""
            if body.contains(#""present":true,"role":"tablet""#), body.contains(#""present":true,"role":"scanner""#) { return }
            usleep(50_000)
        }
        throw CounterBenchError("the daemon did not attach the virtual tablet and scanner: \(daemon.log())")
    }

    func stop() async throws {
        try await offPool { self.daemon.stop() }
        tabletTask.cancel()
        tap.stop()
        tablet.close()
        scanner.close()
    }
}
