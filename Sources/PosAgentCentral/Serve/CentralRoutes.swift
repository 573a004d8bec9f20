import Foundation
import Hummingbird
import Logging
import SyncWire

/// The two endpoints the shops' agents call (docs/sync-protocol.md), each only for the store its bearer
/// token belongs to.
struct CentralRoutes: Sendable {
    let stores: StoreDirectory
    let ingest: BatchIngest
    let feed: OTPSecretFeed
    let images: ChainImages
    let database: DatabaseAvailability
    let logger: Logger

    /// A batch of 500 is about 200 KiB; far more is not an agent's upload.
    static let maximumBody = 64 * 1_024 * 1_024

    func add(to router: Router<BasicRequestContext>) {
        router.post("/v1/stores/:store/transactions") { request, context in
            try await upload(request, store: try context.parameters.require("store"))
        }
        router.get("/v1/stores/:store/otp-secrets") { request, context in
            try await secrets(request, store: try context.parameters.require("store"))
        }
        router.get("/v1/stores/:store/marketing") { request, context in
            try await authenticate(request, as: try context.parameters.require("store"))
            return try json(ChainMarketingSet(images: try await images.list().map(\.wire)))
        }
        router.get("/v1/stores/:store/marketing/images/:sha256") { request, context in
            try await authenticate(request, as: try context.parameters.require("store"))
            guard let image = try await images.content(sha256: try context.parameters.require("sha256")) else {
                throw HTTPError(.notFound, message: "the chain's set has no image of that sha256")
            }
            return Response(status: .ok, headers: [.contentType: image.format.mediaType], body: .init(byteBuffer: image.bytes))
        }
    }

    private func upload(_ request: Request, store: String) async throws -> Response {
        try await authenticate(request, as: store)
        let body = try await request.body.collect(upTo: Self.maximumBody)
        let batch: IncomingBatch
        do {
            batch = try body.withUnsafeReadableBytes { bytes throws(JSONScanner.Failure) in try IncomingBatch(json: bytes) }
        } catch {
            throw HTTPError(.badRequest, message: "the body is not an upload of docs/sync-protocol.md ({\"agent\": …, \"transactions\": […]}): \(error)")
        }
        guard batch.agent.storeID == store else {
            throw HTTPError(.forbidden, message: "agent.storeId differs from the store in the path")
        }
        let answer = try await ingest.ingest(batch, store: store)
        logger.info("batch stored", metadata: [
            "store": "\(store)", "agent": "\(batch.agent.agentID)", "accepted": "\(answer.accepted.count)",
            "duplicates": "\(answer.duplicates.count)", "rejected": "\(answer.rejected.count)",
        ])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer.json())))
    }

    private func secrets(_ request: Request, store: String) async throws -> Response {
        try await authenticate(request, as: store)
        let query = request.uri.queryParameters
        let after = try query.get("after").map { text -> Int64 in
            guard let seq = Int64(text), seq >= 0 else { throw HTTPError(.badRequest, message: "after must be a seq in decimal") }
            return seq
        } ?? 0
        let limit = try query.get("limit").map { text -> Int in
            guard let limit = Int(text), (1...1_000).contains(limit) else { throw HTTPError(.badRequest, message: "limit must be 1 to 1000") }
            return limit
        } ?? 500
        return try json(try await feed.page(store: store, after: after, limit: limit))
    }

    /// The token must be a store's, and that store must be the one in the path: a store uploads only as itself.
    private func authenticate(_ request: Request, as store: String) async throws {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(.unauthorized, message: "send the store's token as Authorization: Bearer …")
        }
        let token = String(header.dropFirst(7)), stores = stores
        guard let owner = try await database.answer({ try await stores.store(forToken: token) }) else {
            throw HTTPError(.unauthorized, message: "the token is not an active store's")
        }
        guard owner == store else {
            logger.warning("a store's token was used for another store", metadata: ["token-store": "\(owner)", "path-store": "\(store)"])
            throw HTTPError(.forbidden, message: "this token is another store's; a store uploads only as itself")
        }
    }

    private func json(_ value: some Encodable) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value))))
    }
}
