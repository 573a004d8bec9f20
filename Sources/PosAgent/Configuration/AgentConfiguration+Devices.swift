import DeviceIO
import TOMLKit

extension AgentConfiguration {
    /// `[[devices]]`: one table per rule, `role` plus either `match = { PROPERTY = "value", … }` or `path`.
    static func readDevices(_ root: TOMLTable, problems: inout [String]) -> [DeviceRule] {
        guard let value = root["devices"] else { return [] }
        guard let array = value.array else {
            problems.append("devices must be an array of tables: write each rule under its own [[devices]] line")
            return []
        }
        var rules: [DeviceRule] = []
        for (index, element) in array.enumerated() {
            let name = "devices[\(index + 1)]"
            guard let table = element.table else {
                problems.append("\(name) must be a table with role and match or path")
                continue
            }
            for key in table.keys.sorted() where !["role", "match", "path", "baud"].contains(key) {
                problems.append("\(name).\(key) is not a device setting; the settings are role, match, path, baud")
            }
            guard let roleName = table["role"]?.string, let role = DeviceRole(rawValue: roleName) else {
                problems.append("\(name).role must be \"scanner\", \"tablet\" or \"probe\"")
                continue
            }
            var match: [String: String] = [:]
            if let matchValue = table["match"] {
                guard let matchTable = matchValue.table else {
                    problems.append("\(name).match must be a table of udev properties, e.g. { ID_VENDOR_ID = \"0c2e\" }")
                    continue
                }
                for key in matchTable.keys {
                    guard let text = matchTable[key]?.string else {
                        problems.append("\(name).match.\(key) must be a string")
                        continue
                    }
                    match[key] = text
                }
            }
            var path: String?
            if let pathValue = table["path"] {
                guard let text = pathValue.string, text.hasPrefix("/") else {
                    problems.append("\(name).path must be an absolute device path such as \"/dev/ttyS0\"")
                    continue
                }
                path = text
            }
            var baud = 9_600
            if let baudValue = table["baud"] {
                guard let number = baudValue.int else {
                    problems.append("\(name).baud must be a whole number such as 9600 or 115200")
                    continue
                }
                baud = number
            }
            let rule = DeviceRule(role: role, match: match, path: path, baud: baud)
            if let problem = rule.problem {
                problems.append("\(name): \(problem)")
                continue
            }
            rules.append(rule)
        }
        return rules
    }
}
