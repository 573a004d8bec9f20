import Foundation

/// How long the sync services wait after `failures` failed attempts in a row: full jitter, a random wait up
/// to min(cap, 1 s × 2^failures).
enum SyncBackoff {
    static func wait(after failures: Int, cap: Duration) -> Duration {
        let ceiling = min(Double(cap.components.seconds), pow(2, Double(min(failures, 30))))
        return .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000))
    }
}
