/// A snapshot of one process, with the fields of supervisord's `getProcessInfo`.
public struct ProcessStatus: Sendable, Hashable, Codable {
    /// The process name.
    public var name: String
    /// The group name.
    public var group: String
    /// The current state.
    public var state: ProcessState
    /// The pid while one exists (STARTING, RUNNING, STOPPING), else 0.
    public var pid: Int32
    /// When the process was last started (seconds since the epoch), 0 if never.
    public var start: Int
    /// When the process last stopped or exited (seconds since the epoch), 0 if never.
    public var stop: Int
    /// The daemon's clock when this snapshot was taken (seconds since the epoch).
    public var now: Int
    /// The last exit status (the exit code, or -1 after a signal, as supervisord reports it).
    public var exitStatus: Int32
    /// Why the last spawn failed, or "".
    public var spawnError: String
    /// `pid 4242, uptime 0:01:02` and the other texts supervisord shows.
    public var description: String
    /// The stdout log path, or "".
    public var stdoutLogfile: String
    /// The stderr log path, or "".
    public var stderrLogfile: String
    /// A scheduled program's schedule (`every 10s`, `*/5 * * * *`); `nil` for a long-running program. Not part of
    /// supervisord's struct: over XML-RPC a scheduled program between runs is EXITED or STOPPED.
    public var schedule: String?
    /// The health of a program with a readiness probe, a liveness probe or `ready`, while it runs; `nil` otherwise.
    /// Not part of supervisord's struct: supervisorctl sees only the state.
    public var health: HealthStatus?
    /// How many times the process was spawned again after its first spawn (by autorestart, a retry or by hand).
    public var restarts: Int = 0
    /// CPU time and resident memory of the running child, read from /proc when asked for
    /// (`GET /api/v1/programs?usage=1`); `nil` otherwise.
    public var usage: ResourceUsage?
    /// What a start waits for (`depends_on`): the dependencies not ready yet, e.g. `redis, db to be healthy`; `nil` when the
    /// process does not wait.
    public var waitingFor: String?

    public init(
        name: String, group: String, state: ProcessState, pid: Int32, start: Int, stop: Int, now: Int,
        exitStatus: Int32, spawnError: String, description: String, stdoutLogfile: String, stderrLogfile: String
    ) {
        self.name = name
        self.group = group
        self.state = state
        self.pid = pid
        self.start = start
        self.stop = stop
        self.now = now
        self.exitStatus = exitStatus
        self.spawnError = spawnError
        self.description = description
        self.stdoutLogfile = stdoutLogfile
        self.stderrLogfile = stderrLogfile
    }

    /// Whether this is a scheduled program waiting for its next run (`tend status` shows SCHEDULED).
    public var isWaitingForSchedule: Bool { schedule != nil && (state == .stopped || state == .exited) }

    /// The state as `tend status` shows it: `SCHEDULED` between a scheduled program's runs, the health of a running
    /// program with probes (`RUNNING (healthy)`), else the state's name. (A start that waits for its dependencies is
    /// STARTING, with `waiting for redis` as its description.)
    public var stateText: String {
        if isWaitingForSchedule { return "SCHEDULED" }
        if let health { return "\(state.name) (\(health.description))" }
        return state.name
    }

    /// `name` for a process alone in a group of the same name, else `group:name` (supervisorctl's display name).
    public var displayName: String { Namespec.make(group: group, process: name) }
}
