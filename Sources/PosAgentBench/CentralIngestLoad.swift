import AsyncHTTPClient
import Foundation
import NIOCore
import SyncWire

/// Agents uploading through `serve`: each shop's batches in order, one request at a time as an agent
/// sends them, all shops at once. Every answer must accept its whole batch.
struct CentralIngestLoad {
    let port: Int
    /// Shop id -> its bearer token.
    let tokens: [String: String]

    func run(_ backlog: ChainBacklog) async throws -> Latencies {
        let bodies = try backlog.shops.map { ($0.id, try backlog.bodies(of: $0), $0.transactions.count) }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, bodies.count))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let begin = now()
            var latencies = Latencies()
            try await withThrowingTaskGroup(of: [Double].self) { group in
                for (store, uploads, _) in bodies {
                    guard let token = tokens[store] else { throw CounterBenchError("no token for \(store)") }
                    let url = "http://127.0.0.1:\(port)/v1/stores/\(store)/transactions"
                    group.addTask {
                        var samples: [Double] = []
                        for body in uploads {
                            var request = HTTPClientRequest(url: url)
                            request.method = .POST
                            request.headers.add(name: "Authorization", value: "Bearer \(token)")
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
                            request.body = .bytes(body)
                            let start = now()
                            let response = try await client.execute(request, timeout: .seconds(60))
                            let answer = try await response.body.collect(upTo: 16 * 1_024 * 1_024)
                            samples.append(now() - start)
                            let stored = try? answer.withUnsafeReadableBytes { bytes throws(JSONScanner.Failure) in try UploadAnswer(json: bytes) }
                            guard response.status == .ok, let stored, stored.rejected.isEmpty, stored.duplicates.isEmpty else {
                                throw CounterBenchError("serve did not store a batch whole: \(response.status.code) \(String(buffer: answer).prefix(300))")
                            }
                        }
                        return samples
                    }
                }
                for try await samples in group { latencies.samples += samples }
            }
            latencies.elapsed = now() - begin
            try await client.shutdown()
            return latencies
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
