/// The server's answer to a batch is read with `JSONScanner`, not `JSONDecoder`: it names every transaction
/// of every batch, and decoding it was a tenth of the uploader's work draining a backlog.
extension UploadAnswer {
    /// `{"accepted": [ids], "duplicates": [ids], "rejected": [{"id", "code", "reason"}]}`, other members ignored.
    public init(json: UnsafeRawBufferPointer) throws(JSONScanner.Failure) {
        var scanner = JSONScanner(json)
        var accepted: [String]?, duplicates: [String]?, rejected: [Rejection]?
        try scanner.beginObject()
        var members = 0
        while let key = try scanner.nextKey(&members) {
            switch key {
            case "accepted":
                guard accepted == nil else { throw .twice("accepted") }
                accepted = try scanner.stringArray()
            case "duplicates":
                guard duplicates == nil else { throw .twice("duplicates") }
                duplicates = try scanner.stringArray()
            case "rejected":
                guard rejected == nil else { throw .twice("rejected") }
                var list: [Rejection] = []
                try scanner.beginArray()
                var count = 0
                while try scanner.nextElement(&count) { list.append(try Rejection(&scanner)) }
                rejected = list
            default: try scanner.skipValue()
            }
        }
        try scanner.end()
        guard let accepted, let duplicates, let rejected else {
            throw JSONScanner.Failure(description: "the answer lacks \([accepted == nil ? "accepted" : nil, duplicates == nil ? "duplicates" : nil, rejected == nil ? "rejected" : nil].compactMap { $0 }.joined(separator: ", "))")
        }
        self.init(accepted: accepted, duplicates: duplicates, rejected: rejected)
    }
}

extension JSONScanner.Failure {
    /// A member named twice: JSON leaves open which one counts, and `JSONDecoder` takes the first.
    static func twice(_ member: String) -> Self {
        Self(description: "the answer names \(member) twice; a central server sends each member once")
    }
}

extension UploadAnswer.Rejection {
    public init(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) {
        var id: String?, code: String?, reason: String?
        try scanner.beginObject()
        var members = 0
        while let key = try scanner.nextKey(&members) {
            switch key {
            case "id":
                guard id == nil else { throw .twice("id") }
                id = try scanner.string()
            case "code":
                guard code == nil else { throw .twice("code") }
                code = try scanner.string()
            case "reason":
                guard reason == nil else { throw .twice("reason") }
                reason = try scanner.string()
            default: try scanner.skipValue()
            }
        }
        guard let id, let code, let reason else {
            throw JSONScanner.Failure(description: "a rejection lacks its id, code or reason")
        }
        self.init(id: id, code: code, reason: reason)
    }
}
