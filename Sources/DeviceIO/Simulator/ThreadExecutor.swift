import Foundation
import Synchronization

/// A task executor with one thread of its own. A simulated device runs its link on it, so it
/// acknowledges frames within the peer's 300 ms even while other work fills the cooperative pool.
///
/// Jobs run in the order they came, until `stop()`; jobs that come after it go to the global executor.
final class ThreadExecutor: TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var stopped = false
    }

    private let queue = Mutex(Queue())
    /// Signalled once per job queued, and once by `stop()`.
    private let wake = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in serve() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let queued = queue.withLock { queue in
            guard !queue.stopped else { return false }
            queue.jobs.append(job)
            return true
        }
        if queued {
            wake.signal()
        } else {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }

    /// Ends the thread once the jobs already queued have run.
    func stop() {
        queue.withLock { $0.stopped = true }
        wake.signal()
    }

    private func serve() {
        while true {
            wake.wait()
            // Only the signal from stop() finds nothing queued: every job queued before it has run.
            guard let job = queue.withLock({ $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }) else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
