import Foundation

/// Times `posagent daemon` from process start to its READY=1 datagram on a given ledger file, as
/// systemd sees a start (or a restart after a crash) while the POS waits.
enum StartupToReady {
    /// Starts and stops the daemon `runs` times on `database`; the seconds from spawn to READY=1, each run.
    static func measure(directory: String, name: String, database: String, runs: Int) async throws -> [Double] {
        var seconds: [Double] = []
        for run in 0..<runs {
            let listener = try ReadyListener(path: directory + "/\(name)-notify-\(run)")
            let daemon = try DaemonProcess(
                directory: directory, name: "\(name)-\(run)", database: database, environment: ["NOTIFY_SOCKET": listener.path])
            let elapsed = try await offPool { () throws -> Double in
                let started = try daemon.start()
                defer { daemon.stop() }
                do {
                    return try listener.waitForReady(timeout: 120) { daemon.process.isRunning } - started
                } catch {
                    throw CounterBenchError("\(error); daemon log: \(daemon.log())")
                }
            }
            seconds.append(elapsed)
        }
        return seconds
    }
}
