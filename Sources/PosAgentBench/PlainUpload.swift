import AsyncHTTPClient
import Foundation
import NIOCore

/// The baseline of `posagent-bench sync`: AsyncHTTPClient alone posting bodies already in memory, one
/// batch at a time like the agent, with the agent's headers, reading each answer whole.
struct PlainUpload {
    let url: String
    let token: String

    func post(_ uploads: [CentralStore.Upload]) async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            for upload in uploads {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "Idempotency-Key", value: upload.idempotencyKey)
                request.body = .bytes(upload.body)
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 16 * 1_024 * 1_024)
                guard response.status == .ok else {
                    throw CounterBenchError("the loopback server answered the plain client \(response.status.code)")
                }
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
