/// A configuration file that cannot be used, with every problem found in it (not just the first).
struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    let file: String
    let problems: [String]

    var description: String {
        (["\(file) has \(problems.count) problem\(problems.count == 1 ? "" : "s"):"] + problems.map { "  - \($0)" })
            .joined(separator: "\n")
    }
}
