/// The mask evaluation of ISO/IEC 18004:2015 section 7.8.3, table 11, read as the reference encoder segno
/// reads it: runs of five or more modules of one colour in a row or column (N1: 3, plus 1 per module past
/// five), 2×2 blocks of one colour (N2: 3 each), the finder-like 1011101 with four light modules (or the
/// symbol's edge) before or after it (N3: 40 each), and the share of dark modules away from half (N4: 10
/// per 5 %).
enum QRPenalty {
    static func score(_ modules: [[Bool]]) -> Int {
        let size = modules.count
        var score = 0
        for index in 0..<size {
            let row = modules[index], column = modules.map { $0[index] }
            score += runs(row) + runs(column) + finderLike(row) + finderLike(column)
        }
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = modules[y][x]
                if colour == modules[y][x + 1], colour == modules[y + 1][x], colour == modules[y + 1][x + 1] { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        return score + 10 * (abs(dark * 20 - total * 10) / total)
    }

    /// N1 along one line.
    private static func runs(_ line: [Bool]) -> Int {
        var score = 0, length = 0
        for (index, module) in line.enumerated() {
            length = index > 0 && module == line[index - 1] ? length + 1 : 1
            if length == 5 { score += 3 } else if length > 5 { score += 1 }
        }
        return score
    }

    private static let finderPattern: [Bool] = [true, false, true, true, true, false, true]

    /// N3 along one line: each 1011101 with four light modules before or after it, the outside counting
    /// as light; a pattern without them lets the search go on from its fifth module.
    private static func finderLike(_ line: [Bool]) -> Int {
        let size = line.count
        var score = 0, start = 0
        while start + 7 <= size {
            guard let found = (start...(size - 7)).first(where: { at in (0..<7).allSatisfy { line[at + $0] == finderPattern[$0] } })
            else { break }
            let before = line[max(found - 4, 0)..<found], after = line[found + 7..<min(found + 11, size)]
            if !before.contains(true) || !after.contains(true) {
                score += 40
                start = found + 7
            } else {
                start = found + 4
            }
        }
        return score
    }
}
