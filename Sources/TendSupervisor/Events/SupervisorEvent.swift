import TendAPI

/// Something that happened in the supervisor, published to every subscriber (API, event listeners,
/// metrics) in the order it happened.
public enum SupervisorEvent: Sendable, Hashable {
    /// A process changed state; `status` is its snapshot after the change.
    case processStateChanged(ProcessStatus, from: ProcessState, expected: Bool)
    /// The health of a running process changed (probes, `READY=1`, the ready line); `status.health` is the new one.
    case healthChanged(ProcessStatus)
    /// A process group was added (`update`, `addProcessGroup`).
    case groupAdded(String)
    /// A process group was removed.
    case groupRemoved(String)
    /// The daemon changed state (running, shutting down, restarting).
    case supervisorStateChanged(DaemonState)
}

/// supervisord's own states (`getState`), with its codes.
public enum DaemonState: Int, Sendable, Hashable, Codable {
    case fatal = 2
    case running = 1
    case restarting = 0
    case shutdown = -1

    /// `RUNNING`, `SHUTDOWN`, … as supervisord names them.
    public var name: String {
        switch self {
        case .fatal: "FATAL"
        case .running: "RUNNING"
        case .restarting: "RESTARTING"
        case .shutdown: "SHUTDOWN"
        }
    }
}
