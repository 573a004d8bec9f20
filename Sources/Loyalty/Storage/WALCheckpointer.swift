import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Keeps WAL checkpoints off the commit path.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: with an
/// accrual writing a dozen or so pages, about one accrual in seventy also copied the WAL into the ledger
/// file and synced it while the customer waited. Instead, the writer's WAL hook (which replaces the
/// automatic one) asks for a passive checkpoint on a connection of this checkpointer's own, run on its own
/// queue beside later commits, as https://www.sqlite.org/wal.html#application_initiated_checkpoints
/// suggests. The WAL starts over only when a write begins after a checkpoint copied all of it, which a
/// counter's pauses between customers allow. Back-to-back writes (an import, a benchmark) leave a
/// checkpoint no such pause: the next one is asked for only after `backgroundStep` more pages, since each
/// costs two syncs beside the commits' own, and past `inlinePages` the commit checkpoints itself, as
/// SQLite would have, copying only what the background ones left.
final class WALCheckpointer: Sendable {
    /// WAL pages from which a commit asks for a checkpoint in the background (SQLite's own threshold).
    static let backgroundPages: Int32 = 1_000
    /// Further pages after which, the WAL not having started over, another one is asked for.
    static let backgroundStep: Int32 = 500
    /// WAL pages from which a commit checkpoints itself: the background checkpoints are not keeping up.
    static let inlinePages: Int32 = 4_000

    private enum State {
        case idle
        case open(OpaquePointer)
        case closed
    }

    private let path: String
    private let queue = DispatchQueue(label: "posagent.ledger.checkpoint")
    private let requested = Atomic<Bool>(false)
    /// WAL pages at which the next background checkpoint is asked for; only the writer's commits use it.
    private let nextRequest = Atomic<Int32>(backgroundPages)
    private let completed = Atomic<Int>(0)
    /// The checkpoint connection, opened on the first checkpoint: most ledgers opened by a command never
    /// reach the threshold.
    private let state = Mutex<State>(.idle)

    private init(path: String) {
        self.path = path
    }

    deinit {
        close()
    }

    /// Replaces the automatic checkpoint of `pool`'s writer connection with this checkpointer.
    static func install(on pool: DatabasePool, path: String) -> WALCheckpointer {
        let checkpointer = WALCheckpointer(path: path)
        pool.writeWithoutTransaction { db in
            // The writer connection retains its observers for as long as it is open, so the hook's
            // unretained context pointer outlives every commit that can call it.
            db.add(transactionObserver: LifetimeAnchor(checkpointer), extent: .databaseLifetime)
            _ = sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passUnretained(checkpointer).toOpaque())
        }
        return checkpointer
    }

    /// Background checkpoints that ran to the end (whatever they could copy).
    var backgroundCheckpoints: Int { completed.load(ordering: .relaxed) }

    /// Waits for a running checkpoint, then closes the checkpoint connection for good.
    func close() {
        state.withLock { state in
            if case .open(let connection) = state { sqlite3_close(connection) }
            state = .closed
        }
    }

    /// Called by SQLite on the writer's thread after every commit, with the pages now in the WAL.
    private static let walHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
        context, connection, database, pages in
        if pages >= inlinePages {
            _ = sqlite3_wal_checkpoint(connection, database)
        } else if let context {
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(walPages: pages)
        }
        return SQLITE_OK
    }

    private func committed(walPages pages: Int32) {
        guard pages >= Self.backgroundPages else {
            // The WAL started over (or has yet to fill).
            nextRequest.store(Self.backgroundPages, ordering: .relaxed)
            return
        }
        guard pages >= nextRequest.load(ordering: .relaxed) else { return }
        nextRequest.store(pages + Self.backgroundStep, ordering: .relaxed)
        checkpointSoon()
    }

    /// Queues one passive checkpoint unless one is already queued or running.
    private func checkpointSoon() {
        guard requested.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        queue.async { [self] in
            defer { requested.store(false, ordering: .releasing) }
            checkpoint()
        }
    }

    /// A passive checkpoint never waits for the writer or readers: it copies what it can and leaves the
    /// rest for the next one. A failure leaves the WAL to the next checkpoint, or to the inline one.
    private func checkpoint() {
        state.withLock { state in
            if case .idle = state, let connection = openConnection() { state = .open(connection) }
            guard case .open(let connection) = state else { return }
            var walPages: Int32 = -1
            if sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, &walPages, nil) == SQLITE_OK, walPages >= 0 {
                completed.add(1, ordering: .relaxed)
            }
        }
    }

    /// A connection that has read the ledger once: until then it does not know the file is in WAL mode,
    /// and a checkpoint on it does nothing.
    private func openConnection() -> OpaquePointer? {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
              sqlite3_exec(connection, "PRAGMA schema_version", nil, nil, nil) == SQLITE_OK
        else {
            sqlite3_close(connection)
            return nil
        }
        return connection
    }
}

/// Ties the checkpointer to the writer connection's lifetime; observes no changes.
private final class LifetimeAnchor: TransactionObserver {
    let checkpointer: WALCheckpointer

    init(_ checkpointer: WALCheckpointer) {
        self.checkpointer = checkpointer
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}
