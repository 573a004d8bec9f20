import Foundation
import SyncWire

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

/// Why a body was refused; the socket API sends it as a 400 problem with this code and detail.
struct BodyRefusal: Error, Hashable, Sendable {
    let code: String
    let detail: String
}

enum StrictBodyReader {
    /// Decodes a JSON body, refusing bad JSON, unknown fields, nulls and mistyped values with a message
    /// naming the field. Foundation and SyncWire's `JSONScanner` only, so the fuzz target links these files in.
    static func decode<Body: StrictBody>(_ type: Body.Type, from data: Data) throws(BodyRefusal) -> Body {
        guard !data.isEmpty else { throw BodyRefusal(code: "missing_body", detail: "send a JSON object as the request body") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw BodyRefusal(code: "bad_json", detail: "the body is not valid JSON; send a JSON object")
        }
        guard let fields = object as? [String: Any] else {
            throw BodyRefusal(code: "bad_json", detail: "the body must be a JSON object")
        }
        try refuseRepeatedFields(data)
        try check(fields, allowed: Body.fields, path: "")
        // Sorted, so an object's own unknown fields are named before those of the objects inside it.
        for (path, allowed) in Body.nested.sorted(by: { $0.key < $1.key }) {
            guard let inner = try nestedObject(at: path, in: fields) else { continue }
            try check(inner, allowed: allowed, path: path + ".")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw BodyRefusal(code: "bad_field", detail: describe(error))
        } catch {
            throw BodyRefusal(code: "bad_field", detail: "the body does not match this request")
        }
    }

    /// `JSONSerialization` keeps the last of a field named twice and `JSONDecoder` the first, so the checks
    /// here would see one value and the request the other; a body names each field once. `JSONScanner` is
    /// strict RFC 8259, so it also refuses the trailing commas Foundation lets pass.
    private static func refuseRepeatedFields(_ data: Data) throws(BodyRefusal) {
        let repeated = data.withUnsafeBytes { bytes -> Result<String?, JSONScanner.Failure> in
            var scanner = JSONScanner(bytes)
            return Result { () throws(JSONScanner.Failure) in
                let key = try scanner.repeatedKey()
                try scanner.end()
                return key
            }
        }
        switch repeated {
        case .success(nil): return
        case .success(let key?):
            throw BodyRefusal(code: "bad_json", detail: "the body names \(key) twice in one object; send each field once")
        case .failure(let failure):
            throw BodyRefusal(code: "bad_json", detail: "the body is not valid JSON (\(failure)); send a JSON object")
        }
    }

    /// The object at a dotted `path`; nil when it, or an object on the way, is absent or null.
    private static func nestedObject(at path: String, in body: [String: Any]) throws(BodyRefusal) -> [String: Any]? {
        var current = body
        var walked: [Substring] = []
        for field in path.split(separator: ".") {
            walked.append(field)
            guard let value = current[String(field)], !(value is NSNull) else { return nil }
            guard let inner = value as? [String: Any] else {
                throw BodyRefusal(code: "bad_field", detail: "\(walked.joined(separator: ".")) must be an object")
            }
            current = inner
        }
        return current
    }

    private static func check(_ object: [String: Any], allowed: Set<String>, path: String) throws(BodyRefusal) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw BodyRefusal(
                code: "unknown_field",
                detail: "\(path)\(unknown) is not a field of this request; the fields are \(allowed.sorted().map { path + $0 }.joined(separator: ", "))")
        }
        // No field takes null: leaving a field out is how a request says it has none (no member: ask the
        // tablet), and null would say the same thing in a second way a client can send by accident.
        if let null = object.keys.sorted().first(where: { object[$0] is NSNull }) {
            throw BodyRefusal(code: "bad_field", detail: "\(path)\(null) is null; leave the field out instead (no field takes null)")
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
