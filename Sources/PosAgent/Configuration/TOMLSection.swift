import TOMLKit

/// Reads one table of the configuration key by key, collecting a problem for each wrong or unknown key,
/// so `posagent config check` can list them all at once.
final class TOMLSection {
    let name: String
    private let table: TOMLTable?
    private var read: Set<String> = []
    private(set) var problems: [String] = []

    init(_ name: String, in root: TOMLTable, problems: inout [String]) {
        self.name = name
        if let value = root[name] {
            table = value.table
            if table == nil { problems.append("[\(name)] must be a table, e.g. a line '[\(name)]' followed by its keys") }
        } else {
            table = nil
        }
    }

    func int(_ key: String, default value: Int64, in range: ClosedRange<Int64>, _ meaning: String) -> Int64 {
        read.insert(key)
        guard let raw = table?[key] else { return value }
        guard let number = raw.int else {
            problems.append("\(name).\(key) must be a whole number (\(meaning)), not \(raw.tomlValue.debugDescription)")
            return value
        }
        guard range.contains(Int64(number)) else {
            problems.append("\(name).\(key) = \(number) is out of range: \(meaning), from \(range.lowerBound) to \(range.upperBound)")
            return value
        }
        return Int64(number)
    }

    func string(_ key: String, default value: String, _ meaning: String, valid: (String) -> Bool = { _ in true }) -> String {
        read.insert(key)
        guard let raw = table?[key] else { return value }
        guard let text = raw.string, valid(text) else {
            problems.append("\(name).\(key) must be \(meaning), not \(raw.tomlValue.debugDescription)")
            return value
        }
        return text
    }

    func bool(_ key: String, default value: Bool, _ meaning: String) -> Bool {
        read.insert(key)
        guard let raw = table?[key] else { return value }
        guard let flag = raw.bool else {
            problems.append("\(name).\(key) must be true or false (\(meaning)), not \(raw.tomlValue.debugDescription)")
            return value
        }
        return flag
    }

    /// A problem found by a check across keys.
    func report(_ problem: String) { problems.append(problem) }

    /// Problems for keys nobody asked for: usually a typo of a real key.
    func unknownKeys(known: [String]? = nil) -> [String] {
        guard let table else { return [] }
        let allowed = known.map(Set.init) ?? read
        return table.keys.sorted().filter { !allowed.contains($0) }.map { key in
            let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
            let hint = suggestion.map { editDistance($0, key) <= 3 ? "; did you mean '\($0)'?" : "" } ?? ""
            return "\(name).\(key) is not a setting posagent knows\(hint)"
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on mistyped keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
