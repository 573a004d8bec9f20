/// Draws a QR symbol: function patterns first (finders, timing, alignment, version information, and room
/// for the format information), then the codewords in the two-column zigzag, then a mask over the data
/// modules and the format bits naming it (ISO/IEC 18004 sections 7.7–7.9).
struct QRMatrixBuilder {
    let version: Int
    let size: Int
    private(set) var modules: [[Bool]]
    /// Modules of function patterns: neither data nor masked.
    private var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = QRLayout.size(version: version)
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y][x] = dark
        isFunction[y][x] = true
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(6, index, index % 2 == 0)
            setFunction(index, 6, index % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        let positions = QRLayout.alignmentPositions(version: version)
        for (i, y) in positions.enumerated() {
            for (j, x) in positions.enumerated() {
                let last = positions.count - 1
                // The three corners with finder patterns have none.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centreX: x, centreY: y)
            }
        }
        // Room for the format bits (drawn once the mask is chosen), and the dark module.
        drawFormat(level: .medium, mask: 0)
        drawVersion()
    }

    /// A 7×7 finder pattern and its light separator, clipped at the edges of the symbol.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 { setFunction(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// Both copies of the 15 format bits, and the dark module beside the lower-left finder.
    mutating func drawFormat(level: QRErrorCorrection, mask: Int) {
        let bits = QRLayout.formatBits(level, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { setFunction(8, index, bit(index)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for index in 9..<15 { setFunction(14 - index, 8, bit(index)) }
        for index in 0..<8 { setFunction(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { setFunction(8, size - 15 + index, bit(index)) }
        setFunction(8, size - 8, true)
    }

    /// Both copies of the version bits, versions 7 and up.
    private mutating func drawVersion() {
        guard version >= 7 else { return }
        let bits = QRLayout.versionBits(version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// The codewords in two-module columns from the right, upwards and downwards in turn, skipping the
    /// vertical timing pattern and every function module; remainder bits stay light.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for x in [right, right - 1] where !isFunction[y][x] && index < total {
                    modules[y][x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    /// Inverts the data modules where mask pattern `mask` (table 10) holds; applying it twice undoes it.
    mutating func apply(mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y][x] && Self.masks(mask, x: x, y: y) {
                modules[y][x].toggle()
            }
        }
    }

    static func masks(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The penalty of the symbol with `mask` (section 7.8.3), the lower the better: evaluated before the
    /// format and version information are added, which section 7.8 places after the choice of mask.
    func penalty(mask: Int) -> Int {
        var candidate = self
        candidate.apply(mask: mask)
        candidate.clearInformation()
        return QRPenalty.score(candidate.modules)
    }

    /// Format and version information (and the dark module) light, as before they are drawn.
    private mutating func clearInformation() {
        for index in 0...8 {
            modules[8][index] = false
            modules[index][8] = false
        }
        for index in 0..<8 {
            modules[8][size - 1 - index] = false
            modules[size - 1 - index][8] = false
        }
        guard version >= 7 else { return }
        for index in 0..<18 {
            modules[index / 3][size - 11 + index % 3] = false
            modules[size - 11 + index % 3][index / 3] = false
        }
    }
}
