import Foundation
import PostgresNIO
import SyncWire
import Testing
@testable import PosAgentCentral

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct ServeIngestTests {
    private func storedCount(_ database: TestDatabase) async throws -> Int {
        try await database.client { client in
            let rows = try await client.query("SELECT count(*)::bigint FROM store_transaction", logger: database.logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return -1
        }
    }

    @Test func twoServeProcessesGivenTheSameBatchAtOnceStoreItOnce() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let first = try ServeProcess(database), second = try ServeProcess(database)
            let batch = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: chain(count: 500))
            async let a = first.upload(batch, store: "s1", token: token.text)
            async let b = second.upload(batch, store: "s1", token: token.text)
            let answers = try await [a, b].map { answer in
                #expect(answer.status == 200)
                return try JSONDecoder().decode(UploadAnswer.self, from: answer.body)
            }
            let accepted = answers.flatMap(\.accepted), duplicates = answers.flatMap(\.duplicates)
            #expect(accepted.count == 500 && Set(accepted) == Set(batch.transactions.map(\.id)))
            #expect(duplicates.count == 500 && Set(duplicates) == Set(accepted))
            #expect(answers.allSatisfy { $0.rejected.isEmpty })
            #expect(try await storedCount(database) == 500)
        }
    }

    @Test func aBrokenLinkOrAnUnknownTypeIsRejectedAloneAndTheRestIsStored() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            var rows = chain(count: 4)
            rows[1].type = "teleport"
            var forged = chain(count: 1, from: 5, previous: String(repeating: "f", count: 64))[0]
            forged.id = UUID().uuidString.lowercased()
            let batch = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: rows + [forged])
            let answer = try JSONDecoder().decode(UploadAnswer.self, from: try await serve.upload(batch, store: "s1", token: token.text).body)
            #expect(answer.accepted == [rows[0].id, rows[2].id, rows[3].id])
            #expect(answer.rejected.map(\.code).sorted() == ["chain_broken", "unknown_type"])
            #expect(try await storedCount(database) == 3)
        }
    }

    /// Two rows of one batch at the same seq: the first is stored, the second is refused alone.
    @Test func aSecondRowAtASeqOfTheSameBatchIsASeqConflict() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            let rows = chain(count: 3)
            var again = rows[1]
            again.id = UUID().uuidString.lowercased()
            let batch = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: rows + [again])
            let answer = try JSONDecoder().decode(UploadAnswer.self, from: try await serve.upload(batch, store: "s1", token: token.text).body)
            #expect(answer.accepted == rows.map(\.id))
            #expect(answer.rejected.map(\.id) == [again.id] && answer.rejected.map(\.code) == ["seq_conflict"])
            #expect(try await storedCount(database) == 3)
        }
    }

    @Test func aStoreUploadsOnlyAsItself() async throws {
        try await TestDatabase.with { database in
            let (one, _) = try await database.client { client in
                let stores = StoreDirectory(client: client, logger: database.logger)
                return (try await stores.add(id: "s1", name: "s1"), try await stores.add(id: "s2", name: "s2"))
            }
            let serve = try ServeProcess(database)
            let batch = UploadBody(agent: .init(storeID: "s2", agentID: "pos-1", version: "0.1.0"), transactions: chain(count: 3))
            #expect(try await serve.upload(batch, store: "s2", token: one.text).status == 403)
            #expect(try await serve.upload(batch, store: "s2", token: "not-a-token").status == 401)
            #expect(try await storedCount(database) == 0)
        }
    }
}

@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct GenesisTests {
    @Test func aShopsFirstTransactionMustLinkToTheGenesisValue() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            for previous in [String(repeating: "ab", count: 32), String(repeating: "0", count: 63) + "1"] {
                let body = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"),
                                      transactions: chain(count: 2, previous: previous))
                let answer = try JSONDecoder().decode(UploadAnswer.self, from: try await serve.upload(body, store: "s1", token: token.text).body)
                #expect(answer.accepted.isEmpty && answer.rejected.map(\.code) == ["chain_broken", "chain_broken"])
            }
            #expect(BatchIngest.genesis == String(repeating: "0", count: 64))
            try await uploadAccepted(chain(count: 2), store: "s1", token: token, to: serve)
        }
    }

    /// The insert reads the transactions from the body as it came: a number written another way than the
    /// agent writes it is stored as the same whole number, or the row is refused alone, never a failed batch.
    @Test func numbersWrittenAnotherWayAreStoredAsTheirValue() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            let rows = chain(count: 3)
            let batch = UploadBody(agent: .init(storeID: "s1", agentID: "pos-1", version: "0.1.0"), transactions: rows)
            var text = String(decoding: try JSONEncoder().encode(batch), as: UTF8.self)
            // Every row's payment as 1.0e3 instead of 1000.
            text = text.replacingOccurrences(of: #""payment":1000"#, with: #""payment":1.0e3"#)
            #expect(text.components(separatedBy: "1.0e3").count == 4, "the three rows carry the other form")
            let answer = try await serve.upload(raw: Data(text.utf8), store: "s1", token: token.text)
            #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
            let decoded = try JSONDecoder().decode(UploadAnswer.self, from: answer.body)
            #expect(decoded.accepted.count == 3, "JSONDecoder takes 1.0e3 as the Int64 1000: \(decoded)")
            let payments = try await database.client { client in
                var payments: [Int64] = []
                for try await payment in try await client.query("SELECT payment FROM store_transaction ORDER BY seq", logger: database.logger).decode(Int64.self) {
                    payments.append(payment)
                }
                return payments
            }
            #expect(payments.allSatisfy { $0 == 1_000 } && payments.count == decoded.accepted.count, "\(payments), \(decoded)")
        }
    }
}
