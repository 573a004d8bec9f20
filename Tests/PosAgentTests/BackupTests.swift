import Foundation
import Loyalty
import Testing

/// `posagent backup`: an online copy of the live ledger that opens, verifies clean and holds what was
/// acknowledged before it started.
@Suite(.serialized) struct BackupTests {
    @Test func aBackupUnderWriteLoadHoldsEveryAcknowledgedTransaction() async throws {
        // durability "normal": no fsync per accrual, which would stall the other suites' daemons on this disk.
        let daemon = try await DaemonHarness.launch(extraConfiguration: #"durability = "normal""#)
        var acknowledged: [Int64] = []
        for _ in 0..<10 { acknowledged.append(try await accrue(daemon)) }

        // Accruals keep arriving over the socket, from before the backup starts until after it ends, at a
        // pace that leaves the machine's cores to the timing-sensitive device suites running beside this one.
        let streamed = AcknowledgedIDs()
        let stream = Task {
            while !Task.isCancelled {
                await streamed.append(try await accrue(daemon))
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        try await waitUntil("the write stream has begun") { await streamed.count >= 3 }
        let destination = daemon.directory.appendingPathComponent("backup.sqlite").path
        let backup = try await PosAgentProcess.run(["backup", destination, "--config", daemon.configFile.path])
        let writtenByTheEnd = await streamed.count
        try await waitUntil("the write stream has gone on after the backup") { await streamed.count >= writtenByTheEnd + 2 }
        stream.cancel()
        try await stream.value
        let duringAndAfter = await streamed.ids

        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("The copy is consistent."))
        var status = stat()
        #expect(stat(destination, &status) == 0 && status.st_mode & 0o777 == 0o600)
        for leftover in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: destination + leftover), "the backup is not one file: \(leftover)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.directory.path).allSatisfy { !$0.contains("partial") })

        let copy = try Ledger(database: try LedgerDatabase(path: destination))
        let report = try await copy.verify()
        #expect(report.isClean, "\(report.issues)")
        #expect(report.transactionsChecked >= acknowledged.count)
        for id in acknowledged {
            #expect(try await copy.transaction(id) != nil, "transaction \(id) was acknowledged before the backup but is not in it")
        }
        try copy.database.closeConnections()
        // The live ledger is untouched and still taking accruals.
        #expect(try await accrue(daemon) > duringAndAfter.last ?? 0)
    }

    @Test func aTamperedLedgerGivesACopyThatFailsVerification() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledgerPath = directory.appendingPathComponent("ledger.sqlite").path
        let demo = try await PosAgentProcess.run(["ledger", "demo", "--database", ledgerPath])
        #expect(demo.status == 0, "\(demo.stderr)")
        try await offPool {
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [ledgerPath, "UPDATE ledger_transaction SET points = points + 1000 WHERE id = 1"]
            try sqlite.run()
            sqlite.waitUntilExit()
        }
        let destination = directory.appendingPathComponent("copy.sqlite").path
        let backup = try await PosAgentProcess.run(["backup", destination, "--database", ledgerPath])
        #expect(backup.status == 65)
        #expect(backup.stdout.contains("hash_mismatch"))
    }

    @Test func theLedgerItselfIsNeverTheDestination() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledgerPath = directory.appendingPathComponent("ledger.sqlite").path
        #expect(try await PosAgentProcess.run(["ledger", "demo", "--database", ledgerPath]).status == 0)
        let before = try await Ledger(database: try LedgerDatabase(path: ledgerPath)).verify()
        let backup = try await PosAgentProcess.run(["backup", ledgerPath, "--database", ledgerPath])
        #expect(backup.status == 74)
        #expect(backup.stderr.contains("is the ledger itself"))
        let after = try await Ledger(database: try LedgerDatabase(path: ledgerPath)).verify()
        #expect(after.isClean && after.transactionsChecked == before.transactionsChecked && before.transactionsChecked > 0)

        let missing = try await PosAgentProcess.run(["backup", directory.appendingPathComponent("copy.sqlite").path,
                                                     "--database", directory.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("there is no ledger"))
    }

    private func temporaryDirectory() throws -> URL {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-backup-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

private actor AcknowledgedIDs {
    private(set) var ids: [Int64] = []
    var count: Int { ids.count }
    func append(_ id: Int64) { ids.append(id) }
}

/// One accrual through the socket, as the POS software sends it; returns the acknowledged transaction's id.
private func accrue(_ daemon: DaemonHarness) async throws -> Int64 {
    let reply = try await daemon.request("POST", "/v1/accruals", body: #"{"member":{"phone":"010-1234-5678"},"payment":12000}"#,
                                         key: UUID().uuidString)
    guard reply.status == 200, let id = (try reply.json()["transaction"] as? [String: Any])?["id"] as? Int else {
        throw DaemonHarnessError(description: "accrual not acknowledged: \(reply.status) \(reply.body)")
    }
    return Int64(id)
}
