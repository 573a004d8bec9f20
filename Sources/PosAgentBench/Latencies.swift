import Foundation

/// Per-operation latencies and the rate they add up to.
struct Latencies {
    var samples: [Double] = []  // seconds
    var elapsed: Double = 0

    var perSecond: Double { Double(samples.count) / elapsed }

    func percentile(_ fraction: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    func line(_ name: String) -> String {
        "\(name): \(format(perSecond, 1))/s, p50 \(milliseconds(percentile(0.5))) ms, p99 \(milliseconds(percentile(0.99))) ms"
    }
}

func milliseconds(_ seconds: Double) -> String { format(seconds * 1000, 3) }

func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// A monotonic clock reading in seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
