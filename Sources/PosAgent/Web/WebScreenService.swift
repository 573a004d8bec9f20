import Hummingbird
import Logging
import ServiceLifecycle

/// The cashier screen's listener as a daemon service. It is not what the POS depends on: when its port
/// cannot be bound the daemon logs why and goes on serving the socket. On shutdown it ends the live
/// feeds first, so the listener's graceful close does not wait for screens that never hang up.
struct WebScreenService: Service {
    let application: Application<RouterResponder<APIRequestContext>>
    let changes: DeskChanges
    let url: String
    let logger: Logger

    func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await application.run()
            } onGracefulShutdown: {
                changes.close()
            }
        } catch {
            logger.error("the cashier screen cannot listen at \(url): \(error); the socket API goes on; free the port or change [web] port")
            try? await gracefulShutdown()
        }
    }
}
