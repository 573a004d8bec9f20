import Foundation
import Hummingbird
import NIOCore

enum JSONBody {
    /// Reads and decodes a JSON body with `StrictBodyReader`; a refusal is a 400 problem naming the field.
    static func decode<Body: StrictBody>(_ type: Body.Type, from request: Request, context: some RequestContext) async throws -> Body {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try StrictBodyReader.decode(Body.self, from: Data(buffer: buffer))
        } catch {
            throw Problem.badRequest(error.code, error.detail)
        }
    }
}
