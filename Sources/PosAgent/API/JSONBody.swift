import Foundation
import Hummingbird
import NIOCore

/// A request body type that names its fields, so unknown ones (a typo, a field from a newer client) are
/// refused instead of ignored.
protocol StrictBody: Decodable {
    static var fields: Set<String> { get }
    /// Fields that are objects, by their path from the body (`member`, `action.accruePoints`), with their
    /// own allowed fields; an object inside an object is named with its parent's.
    static var nested: [String: Set<String>] { get }
}

extension StrictBody {
    static var nested: [String: Set<String>] { [:] }
}

enum JSONBody {
    /// Reads and decodes a JSON body, refusing bad JSON, unknown fields and mistyped values with a
    /// message naming the field.
    static func decode<Body: StrictBody>(_ type: Body.Type, from request: Request, context: some RequestContext) async throws -> Body {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw Problem.badRequest("missing_body", "send a JSON object as the request body") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Problem.badRequest("bad_json", "the body is not valid JSON; send a JSON object")
        }
        guard let fields = object as? [String: Any] else {
            throw Problem.badRequest("bad_json", "the body must be a JSON object")
        }
        try check(fields, allowed: Body.fields, path: "")
        // Sorted, so an object's own unknown fields are named before those of the objects inside it.
        for (path, allowed) in Body.nested.sorted(by: { $0.key < $1.key }) {
            guard let inner = try nestedObject(at: path, in: fields) else { continue }
            try check(inner, allowed: allowed, path: path + ".")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw Problem.badRequest("bad_field", describe(error))
        }
    }

    /// The object at a dotted `path`; nil when it, or an object on the way, is absent or null.
    private static func nestedObject(at path: String, in body: [String: Any]) throws -> [String: Any]? {
        var current = body
        var walked: [Substring] = []
        for field in path.split(separator: ".") {
            walked.append(field)
            guard let value = current[String(field)], !(value is NSNull) else { return nil }
            guard let inner = value as? [String: Any] else {
                throw Problem.badRequest("bad_field", "\(walked.joined(separator: ".")) must be an object")
            }
            current = inner
        }
        return current
    }

    private static func check(_ object: [String: Any], allowed: Set<String>, path: String) throws {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem.badRequest(
                "unknown_field", "\(path)\(unknown) is not a field of this request; the fields are \(allowed.sorted().map { path + $0 }.joined(separator: ", "))")
        }
        // No field takes null: leaving a field out is how a request says it has none (no member: ask the
        // tablet), and null would say the same thing in a second way a client can send by accident.
        if let null = object.keys.sorted().first(where: { object[$0] is NSNull }) {
            throw Problem.badRequest("bad_field", "\(path)\(null) is null; leave the field out instead (no field takes null)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func name(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(name(context.codingPath + [key])) is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(name(context.codingPath)) has the wrong type; amounts are whole numbers, texts are strings"
        case .dataCorrupted(let context):
            let field = name(context.codingPath)
            let what = field.isEmpty ? "a value in the body" : field
            return "\(what) is not valid: amounts are whole numbers from 0 to 9223372036854775807, texts are strings"
        @unknown default:
            return "the body does not match this request"
        }
    }
}
