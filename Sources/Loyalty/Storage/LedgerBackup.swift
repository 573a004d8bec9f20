import Foundation
import GRDB

extension LedgerDatabase {
    /// Copies the ledger to `path` with SQLite's online backup API (`sqlite3_backup_*`), safe while the
    /// daemon writes: the copy is one read snapshot on a connection of its own, which WAL lets run
    /// beside the writer. It is written with mode 0600 under a temporary name in the same directory and
    /// renamed into place once complete and on disk, so `path` never holds half a ledger.
    public func backup(to path: String) throws(LedgerError) {
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent().path
        if let source = FileIdentity(path: self.path), FileIdentity(path: path) == source {
            throw LedgerError(.storage, "\(path) is the ledger itself; give the backup another name")
        }
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())").path
        do {
            try createPrivateFile(temporary)
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            try copy.close()
            try syncToDisk(temporary)
            guard rename(temporary, path) == 0 else {
                throw LedgerError(.storage, "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
            }
            try syncToDisk(directory)
        } catch {
            unlink(temporary)
            if let error = error as? LedgerError { throw error }
            throw LedgerError(.storage, "cannot back up the ledger to \(path): \(error); check the directory exists and is writable")
        }
    }

    /// Turns a ledger file that nothing has open into one self-contained file: its write-ahead log
    /// checkpointed and removed, rollback journal mode, so a backup is a single file to copy away.
    /// The daemon switches it back to WAL when it opens it.
    public static func makeSingleFile(at path: String) throws(LedgerError) {
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
        } catch {
            throw LedgerError(.storage, "cannot turn \(path) into a single file: \(error)")
        }
    }

    /// Closes the ledger's connections. The -wal and -shm files may stay: GRDB closes the writer before
    /// the read-only readers, and a read-only connection does not checkpoint.
    public func closeConnections() throws(LedgerError) {
        do {
            try pool.close()
            checkpointer.close()
        } catch {
            throw LedgerError(.storage, "cannot close the ledger at \(path): \(error)")
        }
    }
}

/// Creates an empty file only its owner can read, whatever the umask.
private func createPrivateFile(_ path: String) throws(LedgerError) {
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
        throw LedgerError(.storage, "cannot create \(path): \(String(cString: strerror(errno))); check the directory exists and is writable")
    }
    defer { close(descriptor) }
    // The mode must not depend on the caller's umask: the copy holds customers' phone numbers.
    guard fchmod(descriptor, 0o600) == 0 else {
        throw LedgerError(.storage, "cannot make \(path) private (mode 0600): \(String(cString: strerror(errno)))")
    }
}

private func syncToDisk(_ path: String) throws(LedgerError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0, fsync(descriptor) == 0 else {
        let reason = String(cString: strerror(errno))
        if descriptor >= 0 { close(descriptor) }
        throw LedgerError(.storage, "cannot flush \(path) to disk: \(reason)")
    }
    close(descriptor)
}

/// A file's device and inode: two paths that name the same file compare equal.
private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
