import Foundation
import GRDBSQLite

/// The baseline: one row per durable commit through the SQLite C API, at the ledger's settings.
final class RawSQLiteInsert {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let db: OpaquePointer
    private let insert: OpaquePointer
    private var next = 0

    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            throw Failure(description: "cannot open \(path)")
        }
        self.db = db
        do {
            try Self.exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
            try Self.exec(db, "CREATE TABLE purchase (id INTEGER PRIMARY KEY, phone TEXT, payment INTEGER, points INTEGER, at INTEGER)")
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db, "INSERT INTO purchase (phone, payment, points, at) VALUES (?, ?, ?, ?)", -1, &statement, nil)
                == SQLITE_OK, let insert = statement
            else { throw Failure(description: "cannot prepare the insert") }
            self.insert = insert
        } catch {
            sqlite3_close(db)
            throw error
        }
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }

    func run(commits: Int, into latencies: inout Latencies) throws {
        let start = now()
        for _ in 0..<commits {
            let begin = now()
            try Self.exec(db, "BEGIN IMMEDIATE")
            sqlite3_bind_text(insert, 1, "010\(10_000_000 + next % 500)", -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            sqlite3_bind_int64(insert, 2, Int64(10_000 + next))
            sqlite3_bind_int64(insert, 3, Int64(100 + next / 100))
            sqlite3_bind_int64(insert, 4, Int64(Date().timeIntervalSince1970 * 1000))
            guard sqlite3_step(insert) == SQLITE_DONE else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            sqlite3_reset(insert)
            try Self.exec(db, "COMMIT")
            latencies.samples.append(now() - begin)
            next += 1
        }
        latencies.elapsed += now() - start
    }

    private static func exec(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
    }
}
