/// Something `verify` found wrong in a shop's stored chain: the store, the seq where it shows (nil for
/// the store as a whole), and what is wrong.
struct ChainFault: Sendable, Hashable, CustomStringConvertible {
    var store: String
    var seq: Int64?
    var problem: String

    var description: String { "store \(store)\(seq.map { " seq \($0)" } ?? ""): \(problem)" }
}

/// What `verify` read of one shop's chain.
struct ChainSummary: Sendable, Hashable, CustomStringConvertible {
    var store: String
    /// Rows of `store_transaction`.
    var stored: Int
    /// Rows of `store_rejection`, which the chain runs through.
    var rejected: Int
    var firstSeq: Int64?
    var lastSeq: Int64?
    var faults: Int

    var description: String {
        guard let firstSeq, let lastSeq else { return "store \(store): no transactions" + (faults > 0 ? ", \(faults) fault(s)" : "") }
        return "store \(store): \(stored) transactions and \(rejected) rejected, seq \(firstSeq)-\(lastSeq): "
            + (faults == 0 ? "chain unbroken" : "\(faults) fault(s)")
    }
}
