/// How long bytes take on a serial line: a pty moves them at memory speed, a real 8N1 line at 10 bits a
/// byte (start, eight data, stop), so the benchmark adds this figure rather than measuring it.
enum WireTime {
    static func seconds(bytes: Int, baud: Int) -> Double {
        Double(bytes * 10) / Double(baud)
    }
}
