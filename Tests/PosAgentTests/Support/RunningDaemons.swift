import Foundation
import Synchronization

/// The daemons the tests started and have not stopped yet, sent SIGTERM when the test process exits.
///
/// A harness stops its daemon in `deinit`, but the last reference to it can be dropped on a Dispatch
/// thread (the `offPool` block of its last request) just after the last test ended, when the process is
/// already exiting. Such a daemon would run on as root and reopen its `[[devices]]` paths: a pty another
/// test creates later under the same /dev/pts number would then have two daemons reading its replies.
enum RunningDaemons {
    private static let processes = Mutex<[String: Process]>([:])
    private static let stopAtExit: Void = {
        atexit { RunningDaemons.stopAll() }
    }()

    /// Records the daemon serving `directory`, replacing one started there before.
    static func add(_ process: Process, serving directory: String) {
        _ = stopAtExit
        processes.withLock { $0[directory] = process }
    }

    static func remove(serving directory: String) {
        _ = processes.withLock { $0.removeValue(forKey: directory) }
    }

    /// Also removes their directories, as the harness would have.
    private static func stopAll() {
        for (directory, process) in processes.withLock({ $0 }) {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
