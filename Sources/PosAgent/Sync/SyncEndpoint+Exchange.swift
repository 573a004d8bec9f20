import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request to the central server, the same for every kind: the agent's bearer token and User-Agent,
/// the configured timeout, a 200 answer required and its JSON decoded. Anything else is a `SyncFailure`
/// saying what `subject` (what was sent or asked for) met.
extension SyncEndpoint {
    func exchange<Answer: Decodable>(_ request: HTTPClientRequest, for subject: String, decoding: Answer.Type,
                                     client: HTTPClient, timeout: TimeAmount) async throws -> Answer {
        try await exchange(request, for: subject, client: client, timeout: timeout) { body in
            try JSONDecoder().decode(Answer.self, from: Data(buffer: body))
        }
    }

    /// The same, with the answer's body read by `read`.
    func exchange<Answer>(_ request: HTTPClientRequest, for subject: String, client: HTTPClient, timeout: TimeAmount,
                          reading read: (ByteBuffer) throws -> Answer) async throws -> Answer {
        var request = request
        request.headers.add(name: "Authorization", value: "Bearer \(try token())")
        request.headers.add(name: "User-Agent", value: "posagent/\(PosAgentVersion.current)")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw SyncFailure("no answer from \(request.url): \(error)")
        }
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else {
            throw SyncFailure("the server answered \(response.status.code) \(response.status.reasonPhrase) for \(subject)")
        }
        do {
            return try read(body)
        } catch {
            // The decoder's message names fields and positions, never their values: nothing sent is logged.
            throw SyncFailure("the server's answer for \(subject) is not the expected JSON: \(error)")
        }
    }
}
