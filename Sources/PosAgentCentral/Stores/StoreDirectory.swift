import Foundation
import Logging
import PostgresNIO

/// The shops allowed to upload, and their tokens (table `store`).
struct StoreDirectory: Sendable {
    struct Store: Sendable, Hashable {
        var id: String
        var name: String
        var createdAt: Date
        var revokedAt: Date?
    }

    let client: PostgresClient
    let logger: Logger

    /// Adds a shop and returns its token, which is kept nowhere but in the caller's hands.
    func add(id: String, name: String) async throws -> StoreToken {
        guard id.range(of: "^[A-Za-z0-9._-]{1,64}$", options: .regularExpression) != nil else {
            throw CentralError(.invalidStore, "a store id is 1 to 64 letters, digits, '.', '_' or '-' (the agent's [sync] store_id), not \"\(id)\"")
        }
        let token = StoreToken.make()
        let rows = try await client.query("""
            INSERT INTO store (id, name, token_sha256) VALUES (\(id), \(name), \(StoreToken.sha256(of: token.text)))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """, logger: logger)
        for try await _ in rows { return token }
        throw CentralError(.storeExists, "store \(id) exists already; `store rotate-token \(id)` gives it a new token")
    }

    func list() async throws -> [Store] {
        let rows = try await client.query("SELECT id, name, created_at, revoked_at FROM store ORDER BY id", logger: logger)
        var stores: [Store] = []
        for try await (id, name, created, revoked) in rows.decode((String, String, Date, Date?).self) {
            stores.append(Store(id: id, name: name, createdAt: created, revokedAt: revoked))
        }
        return stores
    }

    /// Refuses the shop's uploads from now on; its stored transactions stay.
    func revoke(id: String) async throws {
        try await expectOne(client.query(
            "UPDATE store SET revoked_at = COALESCE(revoked_at, now()) WHERE id = \(id) RETURNING id", logger: logger), id)
    }

    /// A new token for the shop (the old one stops working at once); a revoked shop is allowed again.
    func rotateToken(id: String) async throws -> StoreToken {
        let token = StoreToken.make()
        try await expectOne(client.query("""
            UPDATE store SET token_sha256 = \(StoreToken.sha256(of: token.text)), revoked_at = NULL WHERE id = \(id) RETURNING id
            """, logger: logger), id)
        return token
    }

    /// The shop a bearer token belongs to, unless revoked.
    func store(forToken token: String) async throws -> String? {
        let rows = try await client.query(
            "SELECT id FROM store WHERE token_sha256 = \(StoreToken.sha256(of: token)) AND revoked_at IS NULL", logger: logger)
        for try await id in rows.decode(String.self) { return id }
        return nil
    }

    private func expectOne(_ rows: PostgresRowSequence, _ id: String) async throws {
        for try await _ in rows { return }
        throw CentralError(.unknownStore, "there is no store \(id); `store list` shows the stores, `store add` adds one")
    }
}
