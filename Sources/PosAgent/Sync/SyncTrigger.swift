/// Wakes the uploader: after commits (a nudge, ignored while it backs off from a failing server), or
/// at once when an admin asks (`posagent sync now`).
actor SyncTrigger {
    private struct Waiter {
        var continuation: CheckedContinuation<Void, Never>
        var nudgeable: Bool
        var number: Int
    }

    private var waiter: Waiter?
    private var nudged = false
    private var forced = false
    private var waits = 0

    /// A transaction was committed.
    func nudge() { wake(force: false) }

    /// An admin asked for an upload now.
    func runNow() { wake(force: true) }

    /// Sleeps for `duration`, or less if woken (by a nudge only when `nudgeable`). Returns early when cancelled.
    func wait(for duration: Duration, nudgeable: Bool) async {
        if forced || (nudgeable && nudged) {
            forced = false
            nudged = false
            return
        }
        waits += 1
        let number = waits
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter = Waiter(continuation: continuation, nudgeable: nudgeable, number: number)
                Task {
                    try? await Task.sleep(for: duration)
                    self.timeUp(number)
                }
            }
        } onCancel: {
            Task { await self.timeUp(number) }
        }
    }

    private func timeUp(_ number: Int) {
        guard let current = waiter, current.number == number else { return }
        waiter = nil
        current.continuation.resume()
    }

    private func wake(force: Bool) {
        if let current = waiter, force || current.nudgeable {
            waiter = nil
            nudged = false
            current.continuation.resume()
        } else if force {
            forced = true
        } else {
            nudged = true
        }
    }
}
