/// The fully expanded configuration of one supervised process.
///
/// A `[program:x]` section with `numprocs = N` yields N `ProgramSpec`s, one per process, with every
/// `%(…)s` expansion already applied (as supervisord's `ProcessConfig`). Two specs compare equal when
/// every setting that affects the running process is the same; `reread`/`update` use this to decide
/// which processes must restart.
public struct ProgramSpec: Sendable, Equatable, Hashable, Codable {
    /// The process name (`process_name` after expansion), unique within its group.
    public var name: String
    /// The name of the group the process belongs to (the program name, or a `[group:x]` name).
    public var groupName: String
    /// The command line as written, after expansion.
    public var command: String
    /// The command split as a POSIX shell would split words (no shell is run).
    public var arguments: [String]
    /// Start order: lower starts first and stops last. Default 999.
    public var priority: Int
    /// Start when the daemon starts. Default `true`.
    public var autostart: Bool
    /// When to restart after an exit from RUNNING. Default `.unexpected`.
    public var autorestart: AutoRestartPolicy
    /// Seconds the process must stay up to count as RUNNING. Default 1.
    public var startSecs: Int
    /// Failed starts in a row before FATAL; `-1` retries forever (Tend extension). Default 3.
    public var startRetries: Int
    /// Exit codes that are "expected" for `autorestart = unexpected`. Default `[0]`.
    public var exitCodes: [Int32]
    /// The signal sent to stop the process. Default `TERM`.
    public var stopSignal: SignalName
    /// Seconds to wait after `stopSignal` before SIGKILL. Default 10.
    public var stopWaitSecs: Int
    /// Send the stop signal to the whole process group. Default `false`.
    public var stopAsGroup: Bool
    /// Send SIGKILL to the whole process group. Defaults to `stopAsGroup`.
    public var killAsGroup: Bool
    /// The user to run as (name or numeric uid); only honoured when the daemon runs as root.
    public var user: String?
    /// Send the child's stderr to its stdout log. Default `false`.
    public var redirectStderr: Bool
    /// Where the child's stdout goes.
    public var stdoutLog: LogSpec
    /// Where the child's stderr goes (ignored when `redirectStderr`).
    public var stderrLog: LogSpec
    /// Extra environment, in file order: `[supervisord] environment`, then `environment_file`, then
    /// the program's `environment` (later entries win).
    public var environment: [EnvironmentVariable]
    /// The working directory of the child; `nil` keeps the daemon's.
    public var directory: String?
    /// The umask of the child; `nil` keeps the daemon's.
    public var umask: UInt32?
    /// `serverurl` for SUPERVISOR_SERVER_URL; `nil` means AUTO (derived from the daemon's servers).
    public var serverURL: String?
    /// Upper bound of the backoff delay in seconds (Tend extension `backoff_max`). With it, the delay
    /// doubles from 1 s up to this bound; without it, supervisord's linear 1 s, 2 s, 3 s … is used.
    public var backoffMax: Double?
    /// The first delay of the doubling backoff in seconds, when `backoffMax` is set. Default 1; ncolony
    /// programs take `minrestartdelay`.
    public var backoffMin: Double
    /// Whether the child starts from the daemon's environment (supervisord). `false` (ncolony programs): the
    /// child gets only `environment`.
    public var inheritsEnvironment: Bool
    /// When the program runs, for a scheduled program (`schedule` and its keys); `nil` for a long-running one.
    public var schedule: ScheduleSettings?
    /// The primary group id to run as (ncolony's `gid`), or `nil` for the primary group of `user`.
    public var groupID: UInt32?
    /// Delay restarts of a process that keeps exiting within 1 s of its spawn (`crashloop_backoff`, default `true`):
    /// from the third such exit in a row, 100 ms doubling up to `backoffMax` (60 s). `false` restarts at once, as
    /// supervisord does.
    public var crashLoopBackoff: Bool
    /// What must be up (or done) before this process starts (`depends_on`); see `DependencyGraph`.
    public var dependencies: [Dependency]
    /// Seconds a start may wait for `dependencies` before the process becomes FATAL (`depends_timeout`); `nil` waits
    /// as long as it takes.
    public var dependsTimeout: Double?
    /// The probe that says the process is ready (`readiness_probe`): it gates `depends_on NAME:healthy`.
    public var readinessProbe: Probe?
    /// The probe that says the process still works (`liveness_probe`): failing its threshold restarts it.
    public var livenessProbe: Probe?
    /// How the process says it is ready (`ready = notify` or `ready = log`), or `nil`.
    public var ready: ReadySignal?
    /// The regular expression a line of output matches once the process is ready (`ready_log_line`).
    public var readyLogLine: String?
    /// `numprocs` of the program section this process came from.
    public var numprocs: Int
    /// This process's number (`numprocs_start` + index).
    public var processNumber: Int

    /// Creates a spec with supervisord's defaults for every setting but the names and the command.
    public init(name: String, groupName: String, command: String, arguments: [String]) {
        self.name = name
        self.groupName = groupName
        self.command = command
        self.arguments = arguments
        self.priority = 999
        self.autostart = true
        self.autorestart = .unexpected
        self.startSecs = 1
        self.startRetries = 3
        self.exitCodes = [0]
        self.stopSignal = .term
        self.stopWaitSecs = 10
        self.stopAsGroup = false
        self.killAsGroup = false
        self.user = nil
        self.redirectStderr = false
        self.stdoutLog = LogSpec()
        self.stderrLog = LogSpec()
        self.environment = []
        self.directory = nil
        self.umask = nil
        self.serverURL = nil
        self.backoffMax = nil
        self.backoffMin = 1
        self.inheritsEnvironment = true
        self.groupID = nil
        self.schedule = nil
        self.crashLoopBackoff = true
        self.dependencies = []
        self.dependsTimeout = nil
        self.readinessProbe = nil
        self.livenessProbe = nil
        self.ready = nil
        self.readyLogLine = nil
        self.numprocs = 1
        self.processNumber = 0
    }

    /// The `group:name` form that identifies the process across the daemon.
    public var qualifiedName: String { "\(groupName):\(name)" }
}

/// `autorestart` values.
public enum AutoRestartPolicy: String, Sendable, Hashable, Codable {
    /// Never restart after an exit.
    case never = "false"
    /// Always restart after an exit.
    case always = "true"
    /// Restart only when the exit code is not in `exitcodes`.
    case unexpected
}

/// One `KEY=value` of a child's environment.
public struct EnvironmentVariable: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
