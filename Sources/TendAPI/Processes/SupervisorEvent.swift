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
