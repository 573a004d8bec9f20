import ArgumentParser
import Foundation

/// `posagent manager add|list|remove|passwd|transfer-master`, through the daemon.
struct ManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manager",
        abstract: "The store's managers: one master adds and removes the others and can hand the role over.",
        discussion: """
            The first manager is added by root or a member of the managers' group and becomes master; after that
            the master adds, removes and hands over with --manager MASTER_ID. PINs are asked on the terminal
            without echo, or read one per line from standard input with --pin-stdin (the acting manager's first).
            """,
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, TransferMaster.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a manager (the first one becomes master; later ones need --manager MASTER_ID).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The new manager's id: 1 to 50 letters and digits.") var id: String
        @Option(help: "The new manager's email address.") var email: String
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            let headers = try approval.headers()
            let pin = try approval.reader.read("new PIN for \(id)", confirm: true)
            let data = try connection.call("POST", "/v1/managers", body: ["id": id, "email": email, "pin": pin], headers: headers)
            struct Added: Codable { var manager: ManagerView }
            let added = try connection.decode(Added.self, data)
            if daemon.json { try JSONOutput.print(added); return }
            print("Added manager \(added.manager.id) (\(added.manager.email))\(added.manager.master ? ", the master" : "").")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the managers (managers, or --manager ID with a PIN).")
        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            struct Managers: Codable { var managers: [ManagerView] }
            let list = try connection.decode(Managers.self, try connection.call("GET", "/v1/managers", headers: try approval.headers()))
            if daemon.json { try JSONOutput.print(list); return }
            guard !list.managers.isEmpty else {
                print("No managers are registered; root or the managers' group adds the first with posagent manager add.")
                return
            }
            var table = TextTable([("ID", .left), ("Email", .left), ("Role", .left), ("Added", .left), ("State", .left)])
            for manager in list.managers {
                let state = manager.lockedUntil.map { "locked until \(Self.time($0))" }
                    ?? (manager.failedAttempts > 0 ? "\(manager.failedAttempts) wrong PIN(s)" : "")
                table.add([manager.id, manager.email, manager.master ? "master" : "manager", Self.time(manager.createdAt), state])
            }
            print(table.render())
        }

        /// "2026-03-02T10:00:00.000+09:00" -> "2026-03-02 10:00:00"
        static func time(_ stamp: String) -> String { String(stamp.prefix(19)).replacingOccurrences(of: "T", with: " ") }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a manager (the master, with --manager MASTER_ID).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The manager to remove.") var id: String
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            guard approval.manager != nil else { throw ValidationError("removing a manager needs the master: add --manager MASTER_ID") }
            let connection = try daemon.connection()
            _ = try connection.call("DELETE", apiPath("/v1/managers/\(id)", []), headers: try approval.headers())
            if daemon.json { try JSONOutput.print(["removed": id]) } else { print("Removed manager \(id).") }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a manager's PIN: their own (current PIN first), or anyone's by the master (--manager MASTER_ID).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The manager whose PIN changes.") var id: String
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            let connection = try daemon.connection()
            let acting = approval.manager ?? id
            let headers = try approval.headers(for: acting)
            let pin = try approval.reader.read("new PIN for \(id)", confirm: true)
            _ = try connection.call("PUT", apiPath("/v1/managers/\(id)/pin", []), body: ["pin": pin], headers: headers)
            if daemon.json { try JSONOutput.print(["changed": id]) } else { print("The PIN of \(id) is changed.") }
        }
    }

    struct TransferMaster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer-master", abstract: "Hand the master role to another manager (the master, with --manager MASTER_ID).")
        @OptionGroup var daemon: DaemonOptions
        @Argument(help: "The manager who becomes master.") var id: String
        @OptionGroup var approval: ManagerApprovalOptions

        func run() async throws {
            guard approval.manager != nil else { throw ValidationError("handing the master role over needs the master: add --manager MASTER_ID") }
            let connection = try daemon.connection()
            _ = try connection.call("POST", "/v1/managers/transfer-master", body: ["to": id], headers: try approval.headers())
            if daemon.json { try JSONOutput.print(["master": id]) } else { print("\(id) is now the master.") }
        }
    }
}
