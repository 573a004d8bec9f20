import Foundation

/// One daemon per socket: an exclusive lock on `<socket>.lock`, held for the daemon's life. Without it a
/// second daemon would silently replace the first one's socket file.
final class InstanceLock: Sendable {
    let path: String
    private let descriptor: Int32

    init(socketPath: String) throws {
        path = socketPath + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DaemonError("cannot create the lock file \(path): \(String(cString: strerror(errno))); check that its directory exists and is writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw DaemonError("another posagent daemon is already serving \(socketPath) (it holds \(path)); stop it first, or give this one another --socket")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A reason the daemon cannot start or keep running, said so an admin knows what to do.
struct DaemonError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}
