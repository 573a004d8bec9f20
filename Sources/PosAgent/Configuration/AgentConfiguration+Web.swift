import Foundation

extension AgentConfiguration {
    static func readWeb(_ section: TOMLSection, into configuration: inout AgentConfiguration) -> TOMLSection {
        var web = configuration.web
        web.address = section.string(
            "address", default: web.address,
            "a loopback address such as \"127.0.0.1\" or \"::1\": the cashier screen is for this PC's browser only",
            valid: WebAddress.isLoopback)
        web.port = section.int("port", default: web.port, in: 0...65_535, "the cashier screen's TCP port, 0 = no screen")
        web.cashierPINFile = section.string("cashier_pin_file", default: web.cashierPINFile, "a file name or path", valid: { !$0.isEmpty })
        web.sessionHours = section.int("session_hours", default: web.sessionHours, in: 1...168,
                                       "hours a signed-in cashier screen stays signed in")
        configuration.web = web
        return section
    }
}

/// The cashier screen's listening address, which is never reachable from another machine.
enum WebAddress {
    /// 127.0.0.0/8 or ::1, written as an address (a host name could resolve to anything).
    static func isLoopback(_ text: String) -> Bool {
        if text == "::1" { return true }
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return false }
        return UInt32(bigEndian: address.s_addr) >> 24 == 127
    }

    /// How browsers write this address in a Host header or an origin: `127.0.0.1:8620`, `[::1]:8620`.
    static func authority(_ address: String, port: Int) -> String {
        address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}
