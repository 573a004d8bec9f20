import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// Tells systemd the daemon is alive (WATCHDOG=1 at half of WATCHDOG_USEC) and what it is doing (STATUS=),
/// and says STOPPING=1 as soon as shutdown begins.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let status: @Sendable () async -> String
    let interval: Duration?

    func run() async throws {
        try await withGracefulShutdownHandler {
            do {
                try await cancelWhenGracefulShutdown {
                    notifier.status(await status())
                    while true {
                        try await Task.sleep(for: interval ?? .seconds(30))
                        if interval != nil { notifier.watchdog() }
                        notifier.status(await status())
                    }
                }
            } catch is CancellationError {
                return
            }
        } onGracefulShutdown: {
            notifier.stopping()
        }
    }
}

/// Expires due points every hour, so balances are right even for members who do not come back.
struct ExpiryService: Service {
    let ledger: Ledger
    let logger: Logger
    var every: Duration = .seconds(3_600)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let report = try await ledger.expire(now: Date())
                        if report.members > 0 {
                            logger.info("expired points and coupons", metadata: [
                                "members": "\(report.members)", "points": "\(report.pointsExpired)", "stamps": "\(report.stampsExpired)",
                                "coupons": "\(report.couponsExpired)",
                            ])
                        }
                    } catch let error as LedgerError {
                        logger.error("expiry run failed; it is retried next hour", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: every)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
