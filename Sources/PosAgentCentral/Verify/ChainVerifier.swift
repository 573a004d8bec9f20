import Logging
import PostgresNIO

/// `posagent-central verify`: follows each shop's chain in seq order through its stored and rejected
/// transactions. The first link must be the genesis value (64 zeros, as the agent starts its ledger),
/// every later `prevHash` the hash of the row before, and the store's recorded chain end (`last_seq`,
/// `last_hash`, where the next upload must link) its last row. The hashes themselves cover the agent's
/// local ids, which the server does not hold, so they are checked at the shop (`posagent verify`), not here.
struct ChainVerifier: Sendable {
    struct Result: Sendable, Hashable {
        var chains: [ChainSummary]
        var faults: [ChainFault]
    }

    let client: PostgresClient
    let logger: Logger

    func verify() async throws -> Result {
        let stores = try await client.query("SELECT id, last_seq, last_hash FROM store ORDER BY id", logger: logger)
        var ends: [(store: String, seq: Int64, hash: String?)] = []
        for try await (id, seq, hash) in stores.decode((String, Int64, String?).self) { ends.append((id, seq, hash)) }
        var result = Result(chains: [], faults: [])
        for end in ends {
            let (summary, faults) = try await verify(store: end.store, endSeq: end.seq, endHash: end.hash)
            result.chains.append(summary)
            result.faults += faults
        }
        return result
    }

    private func verify(store: String, endSeq: Int64, endHash: String?) async throws -> (ChainSummary, [ChainFault]) {
        let rows = try await client.query("""
            SELECT seq, prev_hash, hash, false FROM store_transaction WHERE store_id = \(store)
            UNION ALL
            SELECT seq, prev_hash, hash, true FROM store_rejection WHERE store_id = \(store)
            ORDER BY 1, 4
            """, logger: logger)
        var summary = ChainSummary(store: store, stored: 0, rejected: 0, firstSeq: nil, lastSeq: nil, faults: 0)
        var faults: [ChainFault] = []
        var previous: (seq: Int64, hash: String)?
        for try await (seq, prevHash, hash, rejected) in rows.decode((Int64, String, String, Bool).self) {
            if rejected { summary.rejected += 1 } else { summary.stored += 1 }
            summary.firstSeq = summary.firstSeq ?? seq
            summary.lastSeq = seq
            let what = rejected ? "the rejected transaction's " : ""
            if let previous, previous.seq == seq {
                faults.append(ChainFault(store: store, seq: seq, problem: "seq \(seq) is both stored and recorded as rejected"))
            } else if let previous {
                if prevHash != previous.hash {
                    let gap = switch seq - previous.seq {
                    case 1: ""
                    case 2: " (seq \(seq - 1) is missing)"
                    default: " (seqs \(previous.seq + 1)-\(seq - 1) are missing)"
                    }
                    faults.append(ChainFault(store: store, seq: seq, problem:
                        "\(what)prevHash \(prevHash) is not the hash of seq \(previous.seq), \(previous.hash)\(gap)"))
                }
            } else if prevHash != BatchIngest.genesis {
                faults.append(ChainFault(store: store, seq: seq, problem:
                    "the first transaction's \(what)prevHash is \(prevHash), not the genesis value (64 zeros)"))
            }
            previous = (seq, hash)
        }
        let endsWhereRecorded = previous.map { $0.seq == endSeq && $0.hash == endHash } ?? (endSeq == 0)
        if !endsWhereRecorded {
            let last = previous.map { "seq \($0.seq) with hash \($0.hash)" } ?? "no rows"
            let recorded = endSeq == 0 ? "no chain" : "a chain ending at seq \(endSeq) with hash \(endHash ?? "none")"
            faults.append(ChainFault(store: store, seq: nil, problem:
                "the store records \(recorded), where its next upload must link, but its last row is \(last)"))
        }
        summary.faults = faults.count
        return (summary, faults)
    }
}
