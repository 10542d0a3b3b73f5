/// One line of `GET /api/v1/events`: something that happened in the daemon, as JSON.
///
/// `{"type": "process_state", "process": {…}, "from": "STARTING"}` when a process changes state,
/// `{"type": "health", "process": {…}}` when the health of a program with probes or `ready` changes (the process's
/// `health` is the new one), `{"type": "group_added", "group": "web"}`, `{"type": "group_removed", …}` and
/// `{"type": "daemon_state", "state": "SHUTDOWN"}` (the stream's first line gives the state when it began).
public struct DaemonEvent: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable {
        case processState = "process_state"
        case health
        case groupAdded = "group_added"
        case groupRemoved = "group_removed"
        case daemonState = "daemon_state"
    }

    /// What happened.
    public var type: Kind
    /// The process's snapshot after the change (`process_state`, `health`).
    public var process: ProcessStatus?
    /// The state it left (`process_state`).
    public var from: ProcessState?
    /// Whether an exit was expected (`process_state` to EXITED).
    public var expected: Bool?
    /// The group (`group_added`, `group_removed`).
    public var group: String?
    /// The daemon's new state (`daemon_state`): RUNNING, SHUTDOWN, RESTARTING.
    public var state: String?

    public init(
        type: Kind, process: ProcessStatus? = nil, from: ProcessState? = nil, expected: Bool? = nil,
        group: String? = nil, state: String? = nil
    ) {
        self.type = type
        self.process = process
        self.from = from
        self.expected = expected
        self.group = group
        self.state = state
    }
}
