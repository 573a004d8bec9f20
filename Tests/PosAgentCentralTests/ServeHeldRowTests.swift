import Foundation
import SyncWire
import Testing
@testable import PosAgentCentral

/// Rows that name what the database holds already. A batch past the end of the store's chain is stored
/// without looking anything up; a reused id fails that plain insert and the batch goes again with every row
/// looked up: the answer must be the same as if it had been looked up from the start.
@Suite(.enabled(if: TestDatabase.available, "needs \(TestDatabase.variable): the cluster scripts/test.sh starts"))
struct ServeHeldRowTests {
    private func answer(_ rows: [UploadedTransaction], store: String, token: StoreToken, _ serve: ServeProcess) async throws -> UploadAnswer {
        let body = UploadBody(agent: .init(storeID: store, agentID: "pos-1", version: "0.1.0"), transactions: rows)
        let reply = try await serve.upload(body, store: store, token: token.text)
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        return try JSONDecoder().decode(UploadAnswer.self, from: reply.body)
    }

    private func storedIDs(_ database: TestDatabase, store: String) async throws -> [String] {
        try await database.client { client in
            var ids: [String] = []
            let rows = try await client.query("SELECT id::text FROM store_transaction WHERE store_id = \(store) ORDER BY seq", logger: database.logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    @Test func anIdTheShopStoredEarlierIsAnIdConflictPastTheChainsEnd() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            let rows = chain(count: 6)
            try await uploadAccepted(Array(rows[0..<3]), store: "s1", token: token, to: serve)
            var next = Array(rows[3..<5])
            next[1].id = rows[0].id
            let reused = try await answer(next, store: "s1", token: token, serve)
            #expect(reused.accepted == [next[0].id] && reused.duplicates.isEmpty)
            #expect(reused.rejected.map(\.id) == [rows[0].id] && reused.rejected.map(\.code) == ["id_conflict"])
            #expect(reused.rejected.first?.reason.contains("stored already at seq 1") == true)
            // The chain ends at the row stored: the shop's next row continues from it.
            var after = linked([rows[5]], from: 5, previous: next[0].hash)
            after[0].id = UUID().uuidString.lowercased()
            try await uploadAccepted(after, store: "s1", token: token, to: serve)
            #expect(try await storedIDs(database, store: "s1") == Array(rows[0..<4]).map(\.id) + after.map(\.id))
        }
    }

    @Test func anIdAnotherStoreHoldsIsAnIdConflictAndTheRestIsStored() async throws {
        try await TestDatabase.with { database in
            let (one, two) = try await database.client { client in
                let stores = StoreDirectory(client: client, logger: database.logger)
                return (try await stores.add(id: "s1", name: "s1"), try await stores.add(id: "s2", name: "s2"))
            }
            let serve = try ServeProcess(database)
            let theirs = chain(count: 2)
            try await uploadAccepted(theirs, store: "s2", token: two, to: serve)
            var mine = chain(count: 3)
            mine[2].id = theirs[0].id
            let reply = try await answer(mine, store: "s1", token: one, serve)
            #expect(reply.accepted == [mine[0].id, mine[1].id])
            #expect(reply.rejected.map(\.code) == ["id_conflict"] && reply.rejected.first?.reason.contains("another store") == true)
            #expect(try await storedIDs(database, store: "s1") == [mine[0].id, mine[1].id])
            #expect(try await storedIDs(database, store: "s2") == theirs.map(\.id))
        }
    }

    /// A transaction at a seq the store holds under another id: the seq is taken, whatever its link says.
    @Test func anotherTransactionAtAStoredSeqIsASeqConflict() async throws {
        try await TestDatabase.with { database in
            let token = try await database.client { try await StoreDirectory(client: $0, logger: database.logger).add(id: "s1", name: "s1") }
            let serve = try ServeProcess(database)
            let rows = chain(count: 3)
            try await uploadAccepted(rows, store: "s1", token: token, to: serve)
            var other = rows[1]
            other.id = UUID().uuidString.lowercased()
            let reply = try await answer([rows[1], other], store: "s1", token: token, serve)
            #expect(reply.duplicates == [rows[1].id] && reply.accepted.isEmpty)
            #expect(reply.rejected.map(\.id) == [other.id] && reply.rejected.map(\.code) == ["seq_conflict"])
            #expect(try await storedIDs(database, store: "s1") == rows.map(\.id))
        }
    }
}
