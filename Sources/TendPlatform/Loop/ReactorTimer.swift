import Synchronization

/// One deadline at a time on the `Reactor`: `schedule(after:_:)` replaces the previous one, `cancel()` removes
/// it, and the handler of a replaced or cancelled deadline never runs. Nothing runs while no deadline is set.
///
/// May be used from any thread; the timer itself is only touched on the reactor thread.
public final class ReactorTimer: Sendable {
    private let reactor: Reactor
    /// The armed timer; only read and written on the reactor thread (the lock keeps the compiler's checks).
    private let token = Mutex<Reactor.Token?>(nil)

    public init(reactor: Reactor = .shared) {
        self.reactor = reactor
    }

    /// Runs `fire` on the reactor thread `delay` from now (at once for a delay ≤ 0), replacing any earlier
    /// deadline.
    public func schedule(after delay: Duration, _ fire: @escaping @Sendable () -> Void) {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        reactor.execute { [self] in
            removeArmed()
            let armed = reactor.schedule(after: seconds) { [self] in
                token.withLock { $0 = nil }
                fire()
            }
            token.withLock { $0 = armed }
        }
    }

    /// Removes the deadline; its handler will not run.
    public func cancel() {
        reactor.execute { [self] in removeArmed() }
    }

    private func removeArmed() {
        if let armed = token.take() {
            reactor.remove(armed)
        }
    }
}
