import CoreMetrics
import TendPlatform

/// Daemon-wide facts the supervisor needs beyond the config: where to record children, the
/// environment children inherit, and the URL they reach the daemon at.
public struct SupervisorOptions: Sendable {
    /// The daemon's environment, inherited by every child (before the config's environment).
    public var environment: [String: String]
    /// SUPERVISOR_SERVER_URL for programs whose `serverurl` is AUTO; `nil` leaves it unset.
    public var serverURL: String?
    /// Where to record started children (see `ChildRecords`); `nil` keeps no record.
    public var childRecordsPath: String?
    /// Make the daemon a child subreaper and reap adopted grandchildren.
    public var becomeSubreaper: Bool
    /// Whether scheduled programs run on their ticks (`false`: `tend up --disable-scheduler`).
    public var schedulerEnabled: Bool
    /// Where the scheduler records each program's last tick (for `misfire = run_once`); `nil` keeps no record.
    public var tickRecordsPath: String?
    /// Where the supervisor's counters and histograms go (`tend_process_exits_total`, `tend_spawn_duration_seconds`);
    /// the default records nothing.
    public var metrics: any MetricsFactory = NOOPMetricsHandler.instance

    public init(
        environment: [String: String], serverURL: String? = nil, childRecordsPath: String? = nil,
        becomeSubreaper: Bool = true, schedulerEnabled: Bool = true, tickRecordsPath: String? = nil
    ) {
        self.schedulerEnabled = schedulerEnabled
        self.tickRecordsPath = tickRecordsPath
        self.environment = environment
        self.serverURL = serverURL
        self.childRecordsPath = childRecordsPath
        self.becomeSubreaper = becomeSubreaper
    }
}
