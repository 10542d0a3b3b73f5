import CTendShims
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One deadline on the wall clock, on the `Reactor`: a `timerfd` on `CLOCK_REALTIME` armed for an absolute time,
/// so it fires at that time of day even when the machine slept in between, and told when the clock is set (NTP
/// step, `date -s`): the scheduler's one timer for cron ticks.
///
/// `handler` runs on the reactor thread with `.due` when the armed time has come, or `.clockChanged` when the
/// wall clock was set (the deadline is then disarmed: the owner recomputes and arms again). Nothing runs while
/// nothing is armed. May be used from any thread.
public final class WallClockTimer: Sendable {
    /// What woke the timer.
    public enum Event: Sendable, Equatable {
        /// The armed time has come.
        case due
        /// The wall clock was set; the deadline is disarmed.
        case clockChanged
    }

    /// Why the timer could not be made (the process is out of descriptors).
    public struct SetupError: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot create a wall-clock timer: \(reason)" }
    }

    private let reactor: Reactor
    private let fd: Int32
    private let token = Mutex<Reactor.Token?>(nil)

    /// Creates the timer, disarmed.
    /// - Throws: `SetupError` when no timerfd can be made.
    public init(reactor: Reactor = .shared, handler: @escaping @Sendable (Event) -> Void) throws(SetupError) {
        let descriptor = tend_wall_timer_create()
        guard descriptor >= 0 else { throw SetupError(reason: String(cString: strerror(errno))) }
        self.reactor = reactor
        self.fd = descriptor
        reactor.execute { [self] in
            let watch = reactor.watch(descriptor) {
                var expirations: UInt64 = 0
                let count = read(descriptor, &expirations, 8)
                if count == 8 {
                    handler(.due)
                } else if count < 0 && errno == ECANCELED {
                    handler(.clockChanged)
                }
            }
            token.withLock { $0 = watch }
        }
    }

    /// Arms the timer for `seconds` since the epoch (at once for a past time), replacing an earlier deadline.
    public func arm(atSecondsSinceEpoch seconds: Double) {
        let whole = max(seconds.rounded(.down), 0)
        let nanoseconds = Int(max(min((seconds - whole) * 1e9, 999_999_999), 0))
        _ = tend_wall_timer_arm(fd, Int64(whole), nanoseconds)
    }

    /// Disarms the timer; a deadline that already passed but was not handled yet may still be reported.
    public func disarm() {
        _ = tend_wall_timer_disarm(fd)
    }

    /// Stops watching and closes the descriptor; the timer must not be used after.
    public func close() {
        reactor.execute { [self] in
            if let watch = token.take() {
                reactor.remove(watch)
                Glibc.close(fd)
            }
        }
    }
}
