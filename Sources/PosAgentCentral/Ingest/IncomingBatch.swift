import SyncWire

/// An upload as it arrives, read in one pass with `JSONScanner`: a batch of 500 is about 200 KiB, and going
/// through `JSONDecoder` was two fifths of serve's work. Each transaction is read on its own, so one the
/// server cannot read is rejected alone (by its id, when that much is readable) and the rest go on.
struct IncomingBatch: Sendable {
    enum Row: Sendable {
        case readable(UploadedTransaction)
        case unreadable(id: String?, seq: Int64?, reason: String)
    }

    var agent: UploadAgent
    var transactions: [Row]

    /// `{"agent": {…}, "transactions": […]}`, other members ignored. Throws when the body is not JSON, or
    /// its agent or its list of transactions is not of the documented shape; a transaction of another shape
    /// is an `unreadable` row.
    init(json: UnsafeRawBufferPointer) throws(JSONScanner.Failure) {
        var scanner = JSONScanner(json)
        var agent: UploadAgent?, transactions: [Row]?
        try scanner.beginObject()
        var members = 0
        while let key = try scanner.nextKey(&members) {
            switch key {
            case "agent":
                guard agent == nil else { throw .named(twice: "agent") }
                agent = try UploadAgent(&scanner)
            case "transactions":
                guard transactions == nil else { throw .named(twice: "transactions") }
                var rows: [Row] = []
                try scanner.beginArray()
                var count = 0
                while try scanner.nextElement(&count) { rows.append(try TransactionReader.row(&scanner)) }
                transactions = rows
            default:
                try scanner.skipValue()
            }
        }
        try scanner.end()
        guard let agent, let transactions else {
            throw JSONScanner.Failure(description: "the body lacks its \(agent == nil ? "agent" : "transactions")")
        }
        self.agent = agent
        self.transactions = transactions
    }
}

extension JSONScanner.Failure {
    /// A member named twice: JSON leaves open which one counts, so the body is refused.
    static func named(twice member: String) -> Self {
        Self(description: "the body names \(member) twice; an upload names each member once")
    }
}

extension UploadAgent {
    /// `{"storeId", "agentId", "version"}`, all strings, each once: which store a batch is for is never left
    /// to which of two `storeId`s a reader keeps. Other members ignored.
    init(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) {
        var store: String?, agent: String?, version: String?
        try scanner.beginObject()
        var members = 0
        while let key = try scanner.nextKey(&members) {
            switch key {
            case "storeId":
                guard store == nil else { throw .named(twice: "agent.storeId") }
                store = try scanner.string()
            case "agentId":
                guard agent == nil else { throw .named(twice: "agent.agentId") }
                agent = try scanner.string()
            case "version":
                guard version == nil else { throw .named(twice: "agent.version") }
                version = try scanner.string()
            default: try scanner.skipValue()
            }
        }
        guard let store, let agent, let version else {
            throw JSONScanner.Failure(description: "the agent lacks its storeId, agentId or version")
        }
        self.init(storeID: store, agentID: agent, version: version)
    }
}
