import TendPlatform

/// A run of a scheduled program started while another still ran (`overlap = allow`): its own child, with the
/// program's log files and its own timeout, outside the program's state machine.
final class ExtraRun {
    let handle: ChildHandle
    let startedAt: ContinuousClock.Instant
    /// The timeout, then the grace period after the stop signal.
    let deadline = ReactorTimer()
    var signalled = false

    init(handle: ChildHandle, startedAt: ContinuousClock.Instant) {
        self.handle = handle
        self.startedAt = startedAt
    }
}
