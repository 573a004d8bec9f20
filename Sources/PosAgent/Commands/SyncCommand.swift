import ArgumentParser
import Foundation

/// `posagent sync status|now|retry-dead`: the upload queue to the central server.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "The upload of transactions to the central server.",
        subcommands: [Status.self, Now.self, RetryDead.self], defaultSubcommand: Status.self)

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Backlog, last success, last error and dead letters.")
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            let connection = try daemon.connection()
            let data = try connection.call("GET", "/v1/sync")
            let status = try connection.decode(SyncRoutes.Status.self, data)
            if daemon.json { try JSONOutput.print(status); return }
            print("server: \(status.server ?? "none (working offline)")")
            let age = status.oldestUnsentAgeSeconds.map { ", the oldest \($0) s old" } ?? ""
            print("waiting: \(grouped(Int64(status.backlog))) transactions\(age)")
            print("last success: \(status.lastSuccessAt ?? "never")")
            if let error = status.lastError { print("last error: \(error) (\(status.lastErrorAt ?? "?"))") }
            print("dead letters: \(status.deadLetters.count)")
            for letter in status.deadLetters.prefix(20) {
                print("  transaction \(letter.transactionID) (\(letter.id)): \(letter.code): \(letter.reason)")
            }
            if let secrets = status.otpSecrets {
                print("one-time-code secrets from the server: \(secrets.imported) imported, \(secrets.refused) refused"
                      + (secrets.lastRefusalCode.map { " (the last: \($0), \(secrets.lastRefusalAt ?? "?"))" } ?? ""))
                if let error = secrets.lastError { print("  last error: \(error) (\(secrets.lastErrorAt ?? "?"))") }
            }
        }
    }

    struct Now: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload now, fetching members' secrets too, and follow the queue until it is empty (managers).")
        @OptionGroup var daemon: DaemonOptions
        @Option(help: "Give up following after this many seconds.") var timeout = 600

        func run() async throws {
            let connection = try daemon.connection()
            struct Started: Decodable { var backlog: Int }
            let start = try connection.decode(Started.self, try connection.call(
                "POST", "/v1/sync/run", body: [:], idempotencyKey: UUID().uuidString.lowercased()))
            let progress = ProgressLine(total: start.backlog, interactive: isatty(STDOUT_FILENO) == 1 && !daemon.json)
            let startedAt = Date()
            let deadline = startedAt.addingTimeInterval(TimeInterval(timeout))
            while true {
                let status = try connection.decode(SyncRoutes.Status.self, try connection.call("GET", "/v1/sync"))
                progress.show(remaining: status.backlog)
                if status.backlog == 0 {
                    progress.finish("all \(start.backlog) transactions uploaded; \(status.deadLetters.count) dead letters")
                    return
                }
                if let error = status.lastError, Date().timeIntervalSince(startedAt) > 2 {
                    progress.note("the last attempt failed: \(error); the daemon keeps retrying with backoff")
                }
                guard Date() < deadline else {
                    progress.finish("\(status.backlog) transactions still waiting; see `posagent sync status`")
                    throw ExitStatus.unavailable
                }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    struct RetryDead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry-dead", abstract: "Queue the dead letters again, after the cause was fixed (managers).")
        @OptionGroup var daemon: DaemonOptions

        func run() async throws {
            let connection = try daemon.connection()
            struct Requeued: Decodable { var requeued: Int }
            let answer = try connection.decode(Requeued.self, try connection.call(
                "POST", "/v1/sync/retry-dead", body: [:], idempotencyKey: UUID().uuidString.lowercased()))
            print("\(answer.requeued) dead letters queued for upload again")
        }
    }
}

/// A progress bar on a terminal, plain lines (at most one a second) otherwise.
final class ProgressLine: @unchecked Sendable {
    let total: Int
    let interactive: Bool
    private var lastPrinted = Date.distantPast
    private var lastNote: String?

    init(total: Int, interactive: Bool) {
        self.total = total
        self.interactive = interactive
    }

    func show(remaining: Int) {
        let done = max(0, total - remaining)
        if interactive {
            let width = 30
            let filled = total == 0 ? width : width * done / max(total, 1)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardOutput.write(Data("\r[\(bar)] \(done)/\(total) uploaded".utf8))
        } else if Date().timeIntervalSince(lastPrinted) >= 1 {
            print("\(done)/\(total) uploaded, \(remaining) waiting")
            lastPrinted = Date()
        }
    }

    func note(_ text: String) {
        guard text != lastNote else { return }
        lastNote = text
        if interactive { FileHandle.standardOutput.write(Data("\n".utf8)) }
        print(text)
    }

    func finish(_ text: String) {
        if interactive { FileHandle.standardOutput.write(Data("\n".utf8)) }
        print(text)
    }
}
