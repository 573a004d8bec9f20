/// Draws a QR code on a terminal with Unicode half blocks, two module rows per line, inside a quiet zone
/// of four light modules. The block characters draw the light modules: on a terminal with light text on
/// a dark background the code reads dark on light, as scanners expect; `colours` adds escape sequences
/// for white on black, so it also reads right on a light terminal.
enum QRTerminal {
    static let quietZone = 4

    static func render(_ code: QRCode, colours: Bool) -> String {
        let side = code.size + 2 * quietZone
        func light(_ x: Int, _ y: Int) -> Bool {
            let cx = x - quietZone, cy = y - quietZone
            guard (0..<code.size).contains(cx), (0..<code.size).contains(cy) else { return true }
            return !code[cx, cy]
        }
        var lines: [String] = []
        for y in stride(from: 0, to: side, by: 2) {
            var line = colours ? "\u{1B}[97;40m" : ""
            for x in 0..<side {
                let top = light(x, y), bottom = y + 1 < side ? light(x, y + 1) : false
                let block: String = switch (top, bottom) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
                line += block
            }
            lines.append(line + (colours ? "\u{1B}[0m" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
