import Dispatch

/// One wall-clock deadline at a time: `schedule(at:)` replaces the previous one; `fire` runs once when it passes.
/// Nothing runs while no deadline is set.
///
/// Thread safety: the timer source is only touched on the timer's own serial queue.
final class DeadlineTimer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "tend.jobs.deadline")
    private var source: (any DispatchSourceTimer)?
    private let fire: @Sendable () -> Void

    init(fire: @escaping @Sendable () -> Void) {
        self.fire = fire
    }

    /// Fires at `deadline` (at once if it has passed), replacing any earlier schedule.
    func schedule(at deadline: JobTimestamp) {
        queue.async { [self] in
            removeSource()
            let delay = max(0, Double(deadline.milliseconds - JobTimestamp.now.milliseconds) / 1000)
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + delay, leeway: .milliseconds(50))
            timer.setEventHandler(handler: fire)
            timer.activate()
            source = timer
        }
    }

    /// Removes the deadline.
    func cancel() {
        queue.async { [self] in removeSource() }
    }

    /// Cancels the armed timer (a cancelled timer never fires; its handler is not replaced on the live
    /// source, which libdispatch on Linux does not always survive).
    private func removeSource() {
        source?.cancel()
        source = nil
    }
}
