import Logging
import Loyalty
import ServiceLifecycle
import UnixSignals

/// Reads the OTP key file again on SIGHUP (`systemctl reload posagent`), so a key made or restored after
/// the start takes effect without a restart. A file that is gone, unreadable or holds no key leaves the key
/// in use as it was, and the log says why.
struct OTPKeyReloadService: Service {
    let path: String
    let current: CurrentOTPKey
    /// Made before the services start, so a reload right after the socket answers is not missed.
    let hangups: UnixSignalsSequence
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in hangups { reload() }
        }
    }

    func reload() {
        let keeping = current.value.map { "keeping the key in use (fingerprint \($0.fingerprint))" } ?? "one-time codes stay off"
        do {
            guard let key = try OTPKeyFile.load(path) else {
                logger.error("cannot reload the OTP key: there is no file \(path); \(keeping)")
                return
            }
            current.replace(with: key)
            logger.notice("reloaded the OTP key from \(path) (fingerprint \(key.fingerprint))")
            if OTPKeyFile.isExposed(path) {
                logger.warning("the OTP key \(path) may be read by other accounts; make it mode 0600")
            }
        } catch let error as OTPError {
            logger.error("cannot reload the OTP key from \(path): \(error.message); \(keeping)")
        } catch {
            logger.error("cannot reload the OTP key from \(path): \(error); \(keeping)")
        }
    }
}
