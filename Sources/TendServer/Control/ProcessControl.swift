import TendAPI
import TendConfig

/// What the control plane's routes ask of the runtime that owns the processes: snapshots, start, stop, signal,
/// logs, stdin, groups, the daemon's state and its events. Every route reaches the processes through this and
/// nothing else, so `TendServer` knows nothing of how they are spawned or supervised.
///
/// `TendDaemon` makes its `Supervisor` conform; tests may supply their own. Selectors are supervisord's
/// namespecs (`all`, `group:*`, `group:name`, `name`; see `Namespec`).
public protocol ProcessControl: Sendable {
    /// The configuration in force (the one last applied by `update`, `reload` or `addGroup`).
    var configuration: Configuration { get async }

    /// The daemon's state (supervisord's `getState`): RUNNING, RESTARTING while a reload runs, SHUTDOWN once
    /// the daemon stops.
    var daemonState: DaemonState { get async }

    /// When the runtime was created, in seconds since the epoch (for the daemon's uptime).
    var startedAt: Int { get }

    /// Snapshots of the processes `selectors` name (every process for an empty list), in start order.
    /// - Throws: `SupervisorError(.badName)` when a selector matches nothing.
    func statuses(_ selectors: [String]) async throws(SupervisorError) -> [ProcessStatus]

    /// Snapshots as `statuses(_:)`, each running one with its CPU time and resident memory (`ProcessStatus.usage`).
    /// - Throws: `SupervisorError(.badName)` when a selector matches nothing.
    func statusesWithUsage(_ selectors: [String]) async throws(SupervisorError) -> [ProcessStatus]

    /// Starts the processes `selectors` name, as supervisord's `startProcess`/`startProcessGroup`/
    /// `startAllProcesses`; with `wait`, answers once each runs or has failed.
    /// - Returns: one result per process, or per selector for a selector that matches nothing (`BAD_NAME`) and
    ///   for every selector while the daemon stops (`SHUTDOWN_STATE`); a failure (`ALREADY_STARTED`,
    ///   `SPAWN_ERROR`, `ABNORMAL_TERMINATION`, …) is in the result, nothing throws.
    func start(_ selectors: [String], wait: Bool) async -> [ActionResult]

    /// Stops the processes `selectors` name (with what depends on them), as supervisord's `stopProcess`/
    /// `stopProcessGroup`/`stopAllProcesses`; with `wait`, answers once each is stopped.
    /// - Returns: one result per process; a failure (`BAD_NAME`, `NOT_RUNNING`) is in the result.
    func stop(_ selectors: [String], wait: Bool) async -> [ActionResult]

    /// Stops the processes `selectors` name, then starts them again, as supervisorctl's `restart`.
    /// - Returns: the start's results; a failure is in the result.
    func restart(_ selectors: [String], wait: Bool) async -> [ActionResult]

    /// Sends `signal` to the processes `selectors` name (those RUNNING, STARTING or STOPPING).
    /// - Returns: one result per process; a failure (`BAD_NAME`, `NOT_RUNNING`, `FAILED`) is in the result.
    func signal(_ signal: SignalName, _ selectors: [String]) async -> [ActionResult]

    /// Writes `text` to the stdin of the process `name` (supervisord's `sendProcessStdin`).
    /// - Throws: `SupervisorError` with `BAD_NAME` unless `name` is exactly one process, `NOT_RUNNING` when it
    ///   has no running child, `NO_FILE` when its stdin is closed, `FAILED` when too much already waits to be read.
    func sendStdin(_ name: String, _ text: String) async throws(SupervisorError)

    /// The end of the `stream` log of the process `name` from `offset`, at most `length` bytes
    /// (supervisord's `tailProcessLog`).
    /// - Throws: `SupervisorError(.badName)` for an unknown process.
    func tail(_ name: String, stream: OutputStream, offset: Int, length: Int) async throws(SupervisorError) -> LogChunk

    /// Every byte the process `name` writes to `stream` from now on (`tail -f`), until the caller stops
    /// iterating.
    /// - Throws: `SupervisorError(.badName)` for an unknown process.
    func follow(_ name: String, stream: OutputStream) async throws(SupervisorError) -> AsyncStream<[UInt8]>

    /// Empties the stdout and stderr logs of the processes `selectors` name (`clear`).
    /// - Returns: one result per process; a selector that matches nothing gets a `BAD_NAME` result.
    func clearLogs(_ selectors: [String]) async -> [ActionResult]

    /// The pid of every running child, with its process and group names.
    func childPIDs() async -> [(name: String, group: String, pid: Int32)]

    /// Every program of `configuration` (the configuration in force when `nil`), marked in use or only
    /// available (`avail`).
    func available(in configuration: Configuration?) async -> [AvailableProgram]

    /// The groups `configuration` adds, changes and removes relative to the one in force (`reread`); changes
    /// nothing.
    func changes(to configuration: Configuration) async -> ConfigChanges

    /// Starts managing the group `name` of `configuration` (supervisord's `addProcessGroup`).
    /// - Throws: `SupervisorError` with `BAD_NAME` when `configuration` has no such group, `ALREADY_ADDED`
    ///   when it is managed already.
    func addGroup(named name: String, from configuration: Configuration) async throws(SupervisorError)

    /// Stops managing the group `name`, whose processes are all stopped (supervisord's `removeProcessGroup`).
    /// - Throws: `SupervisorError` with `BAD_NAME` for an unknown group, `STILL_RUNNING` when a process of it
    ///   runs.
    func removeGroup(named name: String) async throws(SupervisorError)

    /// The events waiting in each event listener pool's buffer (for `/metrics`).
    func listenerQueueLengths() async -> [(pool: String, events: Int)]

    /// Subscribes to every event from now on, in the order they happen; the stream finishes when the runtime
    /// shuts down, and the subscription ends when the caller drops the stream.
    func events() async -> AsyncStream<SupervisorEvent>
}
