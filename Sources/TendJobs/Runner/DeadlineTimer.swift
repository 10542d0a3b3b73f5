import TendPlatform

/// One wall-clock deadline at a time (a `ReactorTimer`): `schedule(at:)` replaces the previous one; `fire` runs
/// once when it passes. Nothing runs while no deadline is set.
final class DeadlineTimer: Sendable {
    private let timer = ReactorTimer()
    private let fire: @Sendable () -> Void

    init(fire: @escaping @Sendable () -> Void) {
        self.fire = fire
    }

    /// Fires at `deadline` (at once if it has passed), replacing any earlier schedule.
    func schedule(at deadline: JobTimestamp) {
        let delay = max(0, deadline.milliseconds - JobTimestamp.now.milliseconds)
        timer.schedule(after: .milliseconds(delay), fire)
    }

    /// Removes the deadline.
    func cancel() {
        timer.cancel()
    }
}
