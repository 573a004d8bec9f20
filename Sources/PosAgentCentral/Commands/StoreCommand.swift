import ArgumentParser
import Foundation

struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "The shops allowed to upload, and their tokens.",
        subcommands: [Add.self, List.self, Revoke.self, RotateToken.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a shop; prints its bearer token once.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The shop's id: the agent's [sync] store_id.") var id: String
        @Option(help: "The shop's name.") var name: String?

        func run() async throws {
            let token = try await options.directory { try await $0.add(id: id, name: name ?? id) }
            print(token.text)
            printToStandardError("store \(id) added; the token above is shown only now: put it in the agent's token_file")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the shops.")
        @OptionGroup var options: CentralOptions

        func run() async throws {
            let stores = try await options.directory { try await $0.list() }
            for store in stores {
                let state = store.revokedAt.map { "revoked \($0.ISO8601Format())" } ?? "active"
                print("\(store.id)\t\(store.name)\t\(store.createdAt.ISO8601Format())\t\(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a shop's uploads from now on.")
        @OptionGroup var options: CentralOptions
        @Argument var id: String

        func run() async throws {
            try await options.directory { try await $0.revoke(id: id) }
            print("store \(id) revoked; `store rotate-token \(id)` allows it again with a new token")
        }
    }

    struct RotateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-token", abstract: "Give a shop a new token; the old one stops working.")
        @OptionGroup var options: CentralOptions
        @Argument var id: String

        func run() async throws {
            let token = try await options.directory { try await $0.rotateToken(id: id) }
            print(token.text)
            printToStandardError("store \(id) has a new token, shown only now; the old one no longer works")
        }
    }
}

extension CentralOptions {
    func directory<T: Sendable>(_ body: @Sendable @escaping (StoreDirectory) async throws -> T) async throws -> T {
        let settings = try load()
        let logger = self.logger
        return try await CentralDatabase.with(settings.database, logger: logger) { client in
            try await body(StoreDirectory(client: client, logger: logger))
        }
    }
}

func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
