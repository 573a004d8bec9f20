import Foundation

/// A shop's row in the central database held `FOR UPDATE` by a psql session of the test. The shop's next
/// batch then waits inside serve's PostgreSQL transaction (its own `SELECT … FOR UPDATE`, BatchIngest)
/// until the lock goes: a batch caught in the middle, for the test to kill something under it.
final class StoreRowLock: @unchecked Sendable {
    private let session = Process()
    private let input = Pipe()
    private let central: RealCentral

    static func hold(_ store: String, in central: RealCentral) async throws -> StoreRowLock {
        try await offPool { try StoreRowLock(store, in: central) }
    }

    private init(_ store: String, in central: RealCentral) throws {
        self.central = central
        // The session may die under the test (PostgreSQL crashed): writing to it must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        session.executableURL = PostgresCluster.psqlBinary
        session.arguments = ["-h", central.cluster.folder, "-U", "posagent", "-d", central.database, "-X", "-q", "-tA",
                             "-v", "ON_ERROR_STOP=1"]
        let output = Pipe()
        session.standardInput = input
        session.standardOutput = output
        session.standardError = FileHandle.nullDevice
        try session.run()
        try input.fileHandleForWriting.write(contentsOf: Data("BEGIN;\nSELECT id FROM store WHERE id = '\(store)' FOR UPDATE;\n".utf8))
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard String(decoding: line, as: UTF8.self) == store else {
            throw DaemonHarnessError(description: "psql did not lock store \(store)'s row")
        }
    }

    deinit { releaseBlocking() }

    /// Waits until a batch of serve's is waiting for this lock.
    func waitForABatch() async throws {
        let central = self.central
        try await waitUntil("a batch waits for the store's row inside serve's transaction", timeout: 60) {
            let waiting = try await central.cluster.psql(central.database, """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """)
            return waiting.first?.first.flatMap { Int($0) } ?? 0 > 0
        }
    }

    /// Commits the session's empty transaction, so the waiting batch goes on.
    func release() async throws {
        try await offPool { self.releaseBlocking() }
    }

    private func releaseBlocking() {
        guard session.isRunning else { return }
        try? input.fileHandleForWriting.write(contentsOf: Data("COMMIT;\n".utf8))
        try? input.fileHandleForWriting.close()
        session.waitUntilExit()
    }
}
