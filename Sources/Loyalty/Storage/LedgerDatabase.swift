import Foundation
import GRDB

/// The SQLite file that holds a shop's ledger: WAL, foreign keys, the chosen durability and mode 0600.
public struct LedgerDatabase: Sendable {
    public let path: String
    public let durability: Durability
    let pool: DatabasePool

    /// Opens (creating if needed) the ledger at `path` and brings its schema up to date. `beforeMigrating`
    /// is told the migrations an existing ledger is about to run (some rewrite a large table), so a service
    /// can say so and ask for more start-up time.
    public init(path: String, durability: Durability = .full,
                beforeMigrating: (@Sendable (_ pending: [String]) -> Void)? = nil) throws(LedgerError) {
        self.path = path
        self.durability = durability
        do {
            try Self.createPrivately(path)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(5)
            configuration.label = "ledger"
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL when it enables WAL, after prepareDatabase: set ours now,
            // on the writer connection, the only one that commits.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability.pragmaValue)")
                // Every write walks the member, lot and history indexes: keep them in memory (32 MiB).
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
            let migrator = Schema.migrator
            if let beforeMigrating {
                let pending = try pool.read { db -> [String] in
                    guard try db.tableExists("ledger_transaction") else { return [] }
                    let applied = try migrator.appliedIdentifiers(db)
                    return migrator.migrations.filter { !applied.contains($0) }
                }
                if !pending.isEmpty { beforeMigrating(pending) }
            }
            try migrator.migrate(pool)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, "cannot open the ledger at \(path): \(error); check the path and its permissions")
        }
    }

    /// The `synchronous` setting the writer connection commits with (2 = FULL, 1 = NORMAL).
    public func synchronousSetting() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(try db.prepared("PRAGMA synchronous")) ?? -1 }
    }

    /// The SQLite file must not be readable by other users: it holds customers' phone numbers.
    private static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError(.storage, "cannot create \(path): \(String(cString: strerror(errno))); check the directory exists and is writable")
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw LedgerError(.storage, "cannot make \(path) private (mode 0600): \(String(cString: strerror(errno)))")
        }
    }
}
