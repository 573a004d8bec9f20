import Foundation
import GRDBSQLite

/// The baseline: one row per durable commit through the SQLite C API, at the ledger's settings.
enum RawSQLiteInsert {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(path: String, commits: Int) throws -> Latencies {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db = handle else {
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))")
            }
        }
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        try exec("CREATE TABLE purchase (id INTEGER PRIMARY KEY, phone TEXT, payment INTEGER, points INTEGER, at INTEGER)")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO purchase (phone, payment, points, at) VALUES (?, ?, ?, ?)", -1, &statement, nil)
            == SQLITE_OK, let insert = statement
        else { throw Failure(description: "cannot prepare the insert") }
        defer { sqlite3_finalize(insert) }

        var latencies = Latencies()
        let start = now()
        for index in 0..<commits {
            let begin = now()
            try exec("BEGIN IMMEDIATE")
            sqlite3_bind_text(insert, 1, "010\(10_000_000 + index % 500)", -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            sqlite3_bind_int64(insert, 2, Int64(10_000 + index))
            sqlite3_bind_int64(insert, 3, Int64(100 + index / 100))
            sqlite3_bind_int64(insert, 4, Int64(Date().timeIntervalSince1970 * 1000))
            guard sqlite3_step(insert) == SQLITE_DONE else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            sqlite3_reset(insert)
            try exec("COMMIT")
            latencies.samples.append(now() - begin)
        }
        latencies.elapsed = now() - start
        return latencies
    }
}
