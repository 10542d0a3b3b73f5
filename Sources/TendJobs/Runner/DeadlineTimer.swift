import TendPlatform

/// One wall-clock deadline at a time, on the `Reactor`: `schedule(at:)` replaces the previous one; `fire` runs
/// once when it passes. Nothing runs while no deadline is set.
///
/// Thread safety: the armed timer is only touched on the reactor thread.
final class DeadlineTimer: @unchecked Sendable {
    private let reactor: Reactor
    private var token: Reactor.Token?
    private let fire: @Sendable () -> Void

    init(reactor: Reactor = .shared, fire: @escaping @Sendable () -> Void) {
        self.reactor = reactor
        self.fire = fire
    }

    /// Fires at `deadline` (at once if it has passed), replacing any earlier schedule.
    func schedule(at deadline: JobTimestamp) {
        reactor.execute { [self] in
            removeTimer()
            let delay = max(0, Double(deadline.milliseconds - JobTimestamp.now.milliseconds) / 1000)
            token = reactor.schedule(after: delay) { [self] in
                token = nil
                fire()
            }
        }
    }

    /// Removes the deadline.
    func cancel() {
        reactor.execute { [self] in removeTimer() }
    }

    private func removeTimer() {
        if let token { reactor.remove(token) }
        token = nil
    }
}
