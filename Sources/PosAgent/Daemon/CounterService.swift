import DeviceIO
import ServiceLifecycle

/// The counter's devices as a daemon service: discovery and the device connections (the hub), and the
/// checkout desk following their inputs.
struct CounterService: Service {
    let hub: DeviceHub
    let desk: CounterDesk

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await hub.run() }
                    group.addTask { await desk.consumeInputs() }
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
