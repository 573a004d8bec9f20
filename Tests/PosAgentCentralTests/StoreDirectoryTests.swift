import Foundation
import PostgresNIO
import Testing
@testable import PosAgentCentral

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct StoreDirectoryTests {
    @Test func aShopsTokenNamesItUntilRotatedOrRevoked() async throws {
        try await TestDatabase.with { database in
            try await database.client { client in
                let stores = StoreDirectory(client: client, logger: database.logger)
                let first = try await stores.add(id: "gangnam-01", name: "강남점")
                #expect(first.text.count == 43)
                #expect(try await stores.store(forToken: first.text) == "gangnam-01")
                #expect(try await stores.store(forToken: first.text + "x") == nil)

                let second = try await stores.rotateToken(id: "gangnam-01")
                #expect(try await stores.store(forToken: first.text) == nil)
                #expect(try await stores.store(forToken: second.text) == "gangnam-01")

                try await stores.revoke(id: "gangnam-01")
                #expect(try await stores.store(forToken: second.text) == nil)
                let listed = try await stores.list()
                #expect(listed.map(\.id) == ["gangnam-01"])
                #expect(listed.first?.name == "강남점")
                #expect(listed.first?.revokedAt != nil)
            }
        }
    }

    @Test func theTokenItselfIsNeverStored() async throws {
        try await TestDatabase.with { database in
            try await database.client { client in
                let token = try await StoreDirectory(client: client, logger: database.logger).add(id: "s1", name: "s1")
                let rows = try await client.query("SELECT token_sha256 FROM store", logger: database.logger)
                var kept: [String] = []
                for try await hash in rows.decode(String.self) { kept.append(hash) }
                #expect(kept == [StoreToken.sha256(of: token.text)])
                #expect(!kept.contains(token.text))
            }
        }
    }

    @Test func aStoreAddedTwiceOrUnknownSaysWhatToDo() async throws {
        try await TestDatabase.with { database in
            try await database.client { client in
                let stores = StoreDirectory(client: client, logger: database.logger)
                _ = try await stores.add(id: "s1", name: "s1")
                await #expect(throws: CentralError.self) { _ = try await stores.add(id: "s1", name: "again") }
                await #expect(throws: CentralError.self) { try await stores.revoke(id: "nowhere") }
                await #expect(throws: CentralError.self) { _ = try await stores.add(id: "no spaces", name: "x") }
                #expect(try await stores.list().count == 1)
            }
        }
    }
}

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct MigratorTests {
    @Test func migrationsApplyOnceInOrderAndAreRecorded() async throws {
        try await TestDatabase.with(migrated: false) { database in
            try await database.client { client in
                let migrator = try Migrator.bundled()
                #expect(migrator.migrations.map(\.version) == migrator.migrations.map(\.version).sorted())
                let first = try await migrator.apply(client, logger: database.logger)
                #expect(first == migrator.migrations.map(\.name))
                #expect(try await migrator.apply(client, logger: database.logger).isEmpty)
                let rows = try await client.query("SELECT version FROM schema_migration ORDER BY version", logger: database.logger)
                var versions: [Int] = []
                for try await version in rows.decode(Int.self) { versions.append(version) }
                #expect(versions == migrator.migrations.map(\.version))
            }
        }
    }

    @Test func twoProcessesMigratingAtOnceApplyEachMigrationOnce() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let migrator = try Migrator.bundled()
            async let a = database.client { try await migrator.apply($0, logger: database.logger) }
            async let b = database.client { try await migrator.apply($0, logger: database.logger) }
            let applied = try await a + b
            #expect(applied.sorted() == migrator.migrations.map(\.name).sorted())
        }
    }
}
