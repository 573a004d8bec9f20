import Foundation
import Hummingbird
import Logging
import NIOCore

/// The central server's side of docs/sync-protocol.md on 127.0.0.1, in this process, for `posagent-bench
/// sync`. The agent's daemon and the plain client post to this one handler, so the server costs both
/// the same. It does the least a server must: finds each transaction's id and seq, keeps the ids it has
/// not seen, and answers accepted or duplicate, so that it is not what either side waits for (the
/// printout gives its share of each run).
struct LoopbackCentralServer: Sendable {
    let token = "bench-\(UUID().uuidString)"
    let store = CentralStore()

    /// Serves until the task running it is cancelled; `port` is resumed once it listens.
    func run(port: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router()
        router.post("/v1/stores/:store/transactions") { request, _ in
            try await upload(request)
        }
        // Quiet: its start and its cancellation at the end are not figures; a failed upload shows in the run.
        var logger = Logger(label: "posagent-bench.central-server")
        logger.logLevel = .critical
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "posagent-bench"),
            onServerRunning: { channel in port(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.run()
    }

    private struct Answer: Encodable {
        var accepted: [String]
        var duplicates: [String]
        var rejected: [String] = []
    }

    private func upload(_ request: Request) async throws -> Response {
        let arrived = now()
        guard request.headers[.authorization] == "Bearer \(token)" else { return Response(status: .unauthorized) }
        let body = try await request.body.collect(upTo: 64 * 1_024 * 1_024)
        let handling = now()
        guard let transactions = Self.transactions(in: body) else { return Response(status: .badRequest) }
        let (accepted, duplicates) = await store.keep(transactions, body: body,
                                                     idempotencyKey: idempotencyKey(request), arrived: arrived)
        let answer = ByteBuffer(bytes: try JSONEncoder().encode(Answer(accepted: accepted, duplicates: duplicates)))
        await store.answered(handlingSeconds: now() - handling)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: answer))
    }

    /// Each transaction's id and seq, found by their keys (neither key occurs elsewhere in a batch, and
    /// inside a JSON string a quote is always escaped); nil unless every id has its seq.
    static func transactions(in body: ByteBuffer) -> [(id: String, seq: Int64)]? {
        body.withUnsafeReadableBytes { bytes -> [(id: String, seq: Int64)]? in
            let idKey = Array(#""id":""#.utf8), seqKey = Array(#""seq":"#.utf8)
            var ids: [String] = [], seqs: [Int64] = []
            func starts(_ key: [UInt8], at index: Int) -> Bool {
                index + key.count <= bytes.count && key.indices.allSatisfy { bytes[index + $0] == key[$0] }
            }
            var index = 0
            while index < bytes.count {
                if bytes[index] != UInt8(ascii: "\"") {
                    index += 1
                } else if starts(idKey, at: index) {
                    let start = index + idKey.count
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    ids.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    index = end + 1
                } else if starts(seqKey, at: index) {
                    var end = index + seqKey.count
                    var seq: Int64 = 0
                    while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                        seq = seq * 10 + Int64(bytes[end] - UInt8(ascii: "0"))
                        end += 1
                    }
                    seqs.append(seq)
                    index = end
                } else {
                    index += 1
                }
            }
            guard !ids.isEmpty, ids.count == seqs.count else { return nil }
            return zip(ids, seqs).map { (id: $0, seq: $1) }
        }
    }

    private func idempotencyKey(_ request: Request) -> String {
        request.headers.first { $0.name.canonicalName == "idempotency-key" }?.value ?? ""
    }
}

/// What the loopback server holds in one run, and when the run's first request came and last answer left.
actor CentralStore {
    struct Upload: Sendable {
        var idempotencyKey: String
        var body: ByteBuffer
    }

    private(set) var seqs: [String: Int64] = [:]
    private(set) var duplicates = 0
    private(set) var requests = 0
    private(set) var firstArrival: Double?
    private(set) var lastAnswer: Double?
    /// Time spent decoding, storing and answering, summed over requests.
    private(set) var handlingSeconds = 0.0
    /// The bodies posted while recording, in order: what the plain client sends again.
    private(set) var recorded: [Upload] = []
    private var recording = false

    /// Forgets everything, for the next run.
    func reset(recording: Bool) {
        seqs = [:]
        seqs.reserveCapacity(131_072)
        duplicates = 0
        requests = 0
        firstArrival = nil
        lastAnswer = nil
        handlingSeconds = 0
        self.recording = recording
        if recording { recorded = [] }
    }

    fileprivate func keep(_ transactions: [(id: String, seq: Int64)], body: ByteBuffer, idempotencyKey: String,
                          arrived: Double) -> (accepted: [String], duplicates: [String]) {
        if firstArrival == nil { firstArrival = arrived }
        requests += 1
        if recording { recorded.append(Upload(idempotencyKey: idempotencyKey, body: body)) }
        var accepted: [String] = [], repeated: [String] = []
        accepted.reserveCapacity(transactions.count)
        for transaction in transactions {
            if seqs.updateValue(transaction.seq, forKey: transaction.id) == nil {
                accepted.append(transaction.id)
            } else {
                repeated.append(transaction.id)
            }
        }
        duplicates += repeated.count
        return (accepted, repeated)
    }

    fileprivate func answered(handlingSeconds seconds: Double) {
        handlingSeconds += seconds
        lastAnswer = now()
    }

    var held: Int { seqs.count }
}
