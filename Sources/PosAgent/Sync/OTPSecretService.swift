import AsyncHTTPClient
import Foundation
import Logging
import Loyalty
import ServiceLifecycle

/// The daemon's download of members' one-time-code secrets.
enum OTPSecretService {
    /// The service for this configuration, or nil when `[sync] otp_secrets = false`. Without an OTP key to
    /// seal secrets with, it fetches nothing until a reload (SIGHUP) brings one; the log says so once.
    static func make(configuration: AgentConfiguration, server: String, otpKey: CurrentOTPKey, ledger: Ledger,
                     client: HTTPClient, logger: Logger) -> SyncFeedService? {
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
        return SyncFeedService(interval: .seconds(settings.intervalSeconds), maxBackoff: .seconds(settings.maxBackoffSeconds),
                               failing: "importing one-time-code secrets failed", logger: logger) {
            _ = try await downloader.drain()
        }
    }
}
