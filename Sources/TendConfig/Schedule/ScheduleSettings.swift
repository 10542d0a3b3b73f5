/// A scheduled program's settings (`schedule`, `schedule_timezone`, `timeout`, `grace`, `overlap`, `jitter`,
/// `misfire`): when each run starts and how long it may take.
public struct ScheduleSettings: Sendable, Hashable, Codable {
    /// What a tick does while the previous run still runs.
    public enum Overlap: String, Sendable, Hashable, Codable, CaseIterable {
        /// The tick is skipped and logged (the default).
        case skip
        /// One run starts as soon as the current one ends (ticks meanwhile make no second queued run).
        case queue
        /// Another run starts beside the current one.
        case allow
    }

    /// What a tick that was missed (the daemon was down, the machine slept) does.
    public enum Misfire: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing: the next tick runs as planned (the default).
        case skip
        /// One run at once, however many ticks were missed (systemd's `Persistent=true`).
        case runOnce = "run_once"
    }

    /// When runs start.
    public var schedule: Schedule
    /// The time zone of a cron schedule (an IANA name such as `Europe/Paris`); `nil` for the machine's.
    public var timeZone: String?
    /// Seconds a run may take before it is sent `stopsignal` (its whole process group); `nil` for no limit.
    public var timeout: Double?
    /// What a tick does while a run is still going.
    public var overlap: Overlap
    /// Each tick starts after a random delay of up to this many seconds (0: none).
    public var jitter: Double
    /// What a missed tick does.
    public var misfire: Misfire

    public init(schedule: Schedule) {
        self.schedule = schedule
        self.timeZone = nil
        self.timeout = nil
        self.overlap = .skip
        self.jitter = 0
        self.misfire = .skip
    }
}
