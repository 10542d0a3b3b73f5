/// A job type: the `[task:NAME]` section of the config.
///
/// ```ini
/// [task:stableconfigs]
/// command = /usr/local/bin/stableconfigs solve
/// timeout = 90
/// concurrency = 2
/// error_exit_codes = 3
/// error_name = TBNException
/// default = true
/// ```
///
/// Each job runs `command` once, with the request's JSON on stdin and `TEND_JOB_ID` and `TEND_PROGRESS_FD` in
/// its environment; its stdout is the result, its stderr the log.
public struct TaskSpec: Sendable, Hashable, Codable {
    /// What to do with a job that was running when its daemon (or node) stopped.
    public enum InterruptPolicy: String, Sendable, Hashable, Codable {
        /// Queue it again: it runs again from the start.
        case requeue
        /// Mark it `crashed` with the reason.
        case fail
    }

    /// The task's name (`NAME` of `[task:NAME]`), as requests name it.
    public var name: String
    /// The command line as written.
    public var command: String
    /// The command split into words as for programs (no shell is run).
    public var arguments: [String]
    /// Seconds a job may run before it is stopped, or `nil` for no limit. Key `timeout`; `0` means none.
    public var timeout: Double?
    /// The signal that stops a job (on timeout or termination). Key `stopsignal`, default `TERM`.
    public var stopSignal: SignalName
    /// Seconds between the stop signal and SIGKILL. Key `grace`, default 10.
    public var grace: Double
    /// Jobs of this task running at once on one node; the rest wait in order. Key `concurrency`, default 1.
    public var concurrency: Int
    /// Seconds a finished job stays readable. Key `result_ttl`, default 300.
    public var resultTTL: Double
    /// Exit codes that mean the task's own error (state `failed`). Key `error_exit_codes`, default none.
    public var errorExitCodes: Set<Int32>
    /// The status word reported for the task's own error. Key `error_name`, default `TaskError`.
    public var errorName: String
    /// Whether the command handles its stop signal itself and says it is ready for it with its first progress
    /// line: a terminate request that comes before that line is held until the line comes, and a job that ends
    /// without it is classified as if no request came. Key `stop_when_ready`, default `false` (the signal is
    /// sent at once).
    public var stopsWhenReady: Bool
    /// Whether requests that name no task use this one. Key `default`, default `false`.
    public var isDefault: Bool
    /// What happens to a job that was running when the daemon stopped. Key `on_interrupt`, default `fail`.
    public var onInterrupt: InterruptPolicy
    /// The working directory of the command; `nil` keeps the daemon's. Key `directory`.
    public var directory: String?
    /// Extra environment for the command (supervisord's `K="v",K2="v2"`). Key `environment`.
    public var environment: [EnvironmentVariable]
    /// The user to run as (name or uid); only honoured when the daemon runs as root. Key `user`.
    public var user: String?
    /// The command's umask; `nil` keeps the daemon's. Key `umask`.
    public var umask: UInt32?

    /// Every key a `[task:x]` section may have; the loader warns about others.
    public static let knownKeys: Set<String> = [
        "command", "timeout", "stopsignal", "grace", "concurrency", "result_ttl", "error_exit_codes",
        "error_name", "stop_when_ready", "default", "on_interrupt", "directory", "environment", "user", "umask",
    ]

    /// A task with every setting at its default.
    public init(name: String, command: String, arguments: [String]) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.timeout = nil
        self.stopSignal = .term
        self.grace = 10
        self.concurrency = 1
        self.resultTTL = 300
        self.errorExitCodes = []
        self.errorName = "TaskError"
        self.stopsWhenReady = false
        self.isDefault = false
        self.onInterrupt = .fail
        self.directory = nil
        self.environment = []
        self.user = nil
        self.umask = nil
    }
}
