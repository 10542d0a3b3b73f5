import TendConfig
import TendPlatform

/// A scheduled program's life between and during its runs, as the supervisor owns it: its next tick, whether
/// `tend stop` paused it, a queued run (`overlap = queue`), the last run's outcome and the current run's timeout.
final class ScheduledProgram {
    /// The outcome of a finished run.
    struct LastRun: Equatable {
        /// The exit status (`-1` when it was killed by a signal, as supervisord reports it).
        var exitStatus: Int32
        /// Wall-clock seconds since the epoch when it ended.
        var endedAt: Double
        /// How long it ran, in seconds.
        var duration: Double
        /// Whether `timeout` stopped it.
        var timedOut: Bool
    }

    let key: String
    var settings: ScheduleSettings
    /// The next tick, on the wall clock (what the timer is armed with), jitter included; `nil` when none.
    var nextTick: Double?
    /// The tick time without jitter, from which the next cron tick is computed.
    var nextBase: Double?
    /// An interval schedule's next tick on the monotonic clock (the wall time is derived from it).
    var nextInstant: ContinuousClock.Instant?
    /// `tend stop` paused the schedule until `tend start`.
    var paused = false
    /// A run waits for the current one to end (`overlap = queue`).
    var queued = false
    /// Bumped whenever the next tick changes, so that a queued tick of an earlier plan is ignored.
    var generation = 0
    /// When the current run started (monotonic), while one runs.
    var runStartedAt: ContinuousClock.Instant?
    /// The current run ran into its timeout.
    var timedOut = false
    var lastRun: LastRun?
    /// The current run's timeout; `timeoutGeneration` makes a stale one harmless.
    let timeout = ReactorTimer()
    var timeoutGeneration = 0
    /// Runs started beside the tracked one (`overlap = allow`), by pid.
    var extraRuns: [Int32: ExtraRun] = [:]

    init(key: String, settings: ScheduleSettings) {
        self.key = key
        self.settings = settings
    }
}
