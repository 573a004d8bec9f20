import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// The daemon's download of members' one-time-code secrets: every `interval` (the uploader's), backing off
/// like the uploader while the server fails.
struct OTPSecretService: Service {
    let downloader: OTPSecretDownloader
    /// Wakes it early when an admin asks (`posagent sync now`).
    let trigger: SyncTrigger
    let interval: Duration
    let maxBackoff: Duration
    let logger: Logger

    func run() async throws {
        await SyncBackoff(interval: interval, cap: maxBackoff).repeatedly({
            _ = try await downloader.drain()
        }, failing: "importing one-time-code secrets failed", logger: logger) { wait, _ in
            await trigger.wait(for: wait, nudgeable: false)
        }
    }

    /// The service for this configuration, or nil when `[sync] otp_secrets = false`. Without an OTP key to
    /// seal secrets with, it fetches nothing until a reload (SIGHUP) brings one; the log says so once.
    static func make(configuration: AgentConfiguration, server: String, otpKey: CurrentOTPKey, ledger: Ledger,
                     client: HTTPClient, logger: Logger) -> OTPSecretService? {
        let settings = configuration.sync
        guard settings.otpSecrets else {
            logger.info("[sync] otp_secrets = false: members' one-time-code secrets are not fetched from the central server")
            return nil
        }
        if otpKey.value == nil {
            logger.notice(
                "no OTP key: members' one-time-code secrets are not fetched from the central server; create the key with posagent otp init-key and reload the daemon (systemctl reload posagent), or set [sync] otp_secrets = false")
        }
        let endpoint = SyncEndpoint(configuration: configuration, server: server)
        let downloader = OTPSecretDownloader(
            ledger: ledger, key: otpKey, storeID: configuration.store.id, endpoint: endpoint, client: client,
            pageSize: Int(settings.batchSize), timeout: .seconds(settings.timeoutSeconds), logger: logger,
            caller: "sync from \(server)")
        logger.info("fetching members' one-time-code secrets from the central server", metadata: ["url": "\(endpoint.otpSecretsURL)"])
        return OTPSecretService(downloader: downloader, trigger: SyncTrigger(), interval: .seconds(settings.intervalSeconds),
                                maxBackoff: .seconds(settings.maxBackoffSeconds), logger: logger)
    }
}
