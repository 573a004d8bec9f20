import DeviceIO
import TOMLKit

extension AgentConfiguration {
    static let deviceKeys = ["role", "kind", "match", "path", "baud", "inter_key_timeout_ms", "tab_ends_code"]
    static let keyboardOnlyKeys = ["inter_key_timeout_ms", "tab_ends_code"]

    /// `[[devices]]`: one table per rule, `role` plus either `match = { PROPERTY = "value", … }` or `path`;
    /// `kind = "keyboard"` for a keyboard-wedge scanner, with its `inter_key_timeout_ms` and `tab_ends_code`.
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
            if let rule = readDevice(table, name: name, problems: &problems) { rules.append(rule) }
        }
        return rules
    }

    private static func readDevice(_ table: TOMLTable, name: String, problems: inout [String]) -> DeviceRule? {
        for key in table.keys.sorted() where !deviceKeys.contains(key) {
            problems.append("\(name).\(key) is not a device setting; the settings are \(deviceKeys.joined(separator: ", "))")
        }
        guard let roleName = table["role"]?.string, let role = DeviceRole(rawValue: roleName) else {
            problems.append("\(name).role must be \"scanner\", \"tablet\" or \"probe\"")
            return nil
        }
        var kind = DeviceKind.serial
        if let kindValue = table["kind"] {
            guard let text = kindValue.string, let parsed = DeviceKind(rawValue: text) else {
                problems.append("\(name).kind must be \"serial\" (a tty, the default) or \"keyboard\" (a keyboard-wedge scanner's /dev/input/eventN)")
                return nil
            }
            kind = parsed
        }
        var rule = DeviceRule(role: role, kind: kind)
        guard readMatch(table, name: name, into: &rule, problems: &problems),
              readPath(table, name: name, into: &rule, problems: &problems) else { return nil }
        switch kind {
        case .serial:
            for key in keyboardOnlyKeys where table[key] != nil {
                problems.append("\(name).\(key) applies only to a keyboard scanner; remove it, or add kind = \"keyboard\" if this scanner types its codes")
                return nil
            }
            if let baudValue = table["baud"] {
                guard let number = baudValue.int else {
                    problems.append("\(name).baud must be a whole number such as 9600 or 115200")
                    return nil
                }
                rule.baud = number
            }
        case .keyboard:
            guard table["baud"] == nil else {
                problems.append("\(name).baud does not apply to a keyboard scanner (it has no serial line); remove it")
                return nil
            }
            guard readKeyboardSettings(table, name: name, into: &rule, problems: &problems) else { return nil }
        }
        if let problem = rule.problem {
            problems.append("\(name): \(problem)")
            return nil
        }
        return rule
    }

    private static func readMatch(_ table: TOMLTable, name: String, into rule: inout DeviceRule, problems: inout [String]) -> Bool {
        guard let matchValue = table["match"] else { return true }
        guard let matchTable = matchValue.table else {
            problems.append("\(name).match must be a table of udev properties, e.g. { ID_VENDOR_ID = \"0c2e\" }")
            return false
        }
        for key in matchTable.keys {
            guard let text = matchTable[key]?.string else {
                problems.append("\(name).match.\(key) must be a string")
                continue
            }
            rule.match[key] = text
        }
        return true
    }

    private static func readPath(_ table: TOMLTable, name: String, into rule: inout DeviceRule, problems: inout [String]) -> Bool {
        guard let pathValue = table["path"] else { return true }
        guard let text = pathValue.string, text.hasPrefix("/") else {
            let example = rule.kind == .keyboard ? "/dev/posagent/scanner-kbd" : "/dev/ttyS0"
            problems.append("\(name).path must be an absolute device path such as \"\(example)\"")
            return false
        }
        rule.path = text
        return true
    }

    private static func readKeyboardSettings(_ table: TOMLTable, name: String, into rule: inout DeviceRule, problems: inout [String]) -> Bool {
        if let timeoutValue = table["inter_key_timeout_ms"] {
            guard let milliseconds = timeoutValue.int, (1...1_000).contains(milliseconds) else {
                problems.append("\(name).inter_key_timeout_ms must be a whole number of milliseconds from 1 to 1000, e.g. 50 (the default)")
                return false
            }
            rule.interKeyTimeout = .milliseconds(milliseconds)
        }
        if let tabValue = table["tab_ends_code"] {
            guard let flag = tabValue.bool else {
                problems.append("\(name).tab_ends_code must be true or false (whether Tab ends a code as Enter does)")
                return false
            }
            rule.tabEndsCode = flag
        }
        return true
    }
}
