import Foundation
import PostgresNIO
import SyncWire
import Testing
@testable import PosAgentCentral

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct VerifyTests {
    /// s1: 20 transactions, seq 7 rejected (an unknown type) with its link kept; s2: 3; s3: 4; s4: none.
    private func ingestChains(_ database: TestDatabase) async throws {
        let tokens = try await database.client { client in
            let stores = StoreDirectory(client: client, logger: database.logger)
            var tokens: [StoreToken] = []
            for id in ["s1", "s2", "s3", "s4"] { tokens.append(try await stores.add(id: id, name: id)) }
            return tokens
        }
        let serve = try ServeProcess(database)
        var first = chain(count: 20)
        first[6].type = "teleport"
        let body = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: first)
        let answer = try JSONDecoder().decode(UploadAnswer.self, from: try await serve.upload(body, store: "s1", token: tokens[0].text).body)
        #expect(answer.accepted.count == 19 && answer.rejected.map(\.code) == ["unknown_type"])
        try await uploadAccepted(chain(count: 3), store: "s2", token: tokens[1], to: serve)
        try await uploadAccepted(chain(count: 4), store: "s3", token: tokens[2], to: serve)
    }

    private func execute(_ database: TestDatabase, _ statement: PostgresQuery) async throws {
        _ = try await database.client { client in
            try await client.query(statement, logger: database.logger)
            return true
        }
    }

    @Test func aCleanDatabaseVerifiesWithExitZeroAndSaysWhatWasChecked() async throws {
        try await TestDatabase.with { database in
            try await ingestChains(database)
            let run = try await runCentral(database, ["verify"])
            #expect(run.status == 0, "\(run.output)\(run.errors)")
            #expect(run.output == """
                store s1: 19 transactions and 1 rejected, seq 1-20: chain unbroken
                store s2: 3 transactions and 0 rejected, seq 1-3: chain unbroken
                store s3: 4 transactions and 0 rejected, seq 1-4: chain unbroken
                store s4: no transactions
                balances: not checked; the central database keeps no member balances, only the shops' transactions
                verified 4 store(s), 27 row(s): no faults

                """)
        }
    }

    @Test func rowsChangedOrDeletedBehindTheServersBackAreEachNamedByStoreAndSeq() async throws {
        try await TestDatabase.with { database in
            try await ingestChains(database)
            let forged = String(repeating: "ab", count: 32)
            try await execute(database, "UPDATE store_transaction SET prev_hash = \(forged) WHERE store_id = 's1' AND seq = 5")
            try await execute(database, "UPDATE store_rejection SET hash = \(forged) WHERE store_id = 's1' AND seq = 7")
            try await execute(database, "UPDATE store_transaction SET prev_hash = \(forged) WHERE store_id = 's2' AND seq = 1")
            try await execute(database, "DELETE FROM store_transaction WHERE store_id = 's3' AND seq IN (2, 4)")

            let result = try await database.client { try await ChainVerifier(client: $0, logger: database.logger).verify() }
            #expect(result.faults.map { "\($0.store) \($0.seq.map(String.init) ?? "-")" } == ["s1 5", "s1 8", "s2 1", "s3 3", "s3 -"])
            #expect(result.faults[0].problem.hasPrefix("prevHash \(forged) is not the hash of seq 4, "))
            #expect(result.faults[2].problem == "the first transaction's prevHash is \(forged), not the genesis value (64 zeros)")
            #expect(result.faults[3].problem.hasSuffix("(seq 2 is missing)"))
            #expect(result.faults[4].problem.contains("records a chain ending at seq 4") && result.faults[4].problem.contains("its last row is seq 3"))
            #expect(result.chains.map(\.faults) == [2, 1, 2, 0])

            let run = try await runCentral(database, ["verify"])
            #expect(run.status == 1)
            #expect(run.output.contains("verified 4 store(s), 25 row(s): 5 fault(s)\n"))
            for fault in result.faults { #expect(run.output.contains("  \(fault)\n"), "\(fault) is not printed") }
        }
    }
}
