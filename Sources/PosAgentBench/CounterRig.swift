import DeviceIO
import Foundation

/// A shop counter for the benchmark: a virtual tablet and scanner on ptys, run in this process, and the
/// real daemon opening them through `[[devices]]` path rules, as it would open real ones.
final class CounterRig: @unchecked Sendable {
    let tablet: VirtualTablet
    let scanner: VirtualScanner
    let screens: ScreenLog
    let daemon: DaemonProcess
    let database: String
    private let tabletTask: Task<Void, any Error>

    private init(tablet: VirtualTablet, scanner: VirtualScanner, daemon: DaemonProcess, database: String) {
        self.tablet = tablet
        self.scanner = scanner
        self.daemon = daemon
        self.database = database
        screens = ScreenLog(tablet.screens)
        tabletTask = Task { try await tablet.run() }
    }

    /// Starts the devices and the daemon and returns once the daemon sees both devices.
    static func launch(directory: String) async throws -> CounterRig {
        let tablet = try VirtualTablet()
        let scanner = try VirtualScanner()
        let database = directory + "/counter.sqlite"
        let daemon = try DaemonProcess(directory: directory, name: "counter", database: database, extra: """

            [checkout]
            prompt_timeout_seconds = 60

            [[devices]]
            role = "tablet"
            path = "\(tablet.devicePath)"
            baud = 115200

            [[devices]]
            role = "scanner"
            path = "\(scanner.devicePath)"
            baud = 9600
            """)
        let rig = CounterRig(tablet: tablet, scanner: scanner, daemon: daemon, database: database)
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
        tablet.close()
        scanner.close()
    }
}
