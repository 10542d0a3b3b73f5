import TendAPI

/// supervisord's event types: the concrete ones that are emitted and the abstract ones a listener may
/// subscribe to (`EVENT`, `PROCESS_STATE`, `PROCESS_LOG`, `PROCESS_COMMUNICATION`,
/// `SUPERVISOR_STATE_CHANGE`, `TICK`, `PROCESS_GROUP`).
public enum EventName: String, Sendable, Hashable, CaseIterable, Codable {
    case event = "EVENT"
    case processState = "PROCESS_STATE"
    case processStateStopped = "PROCESS_STATE_STOPPED"
    case processStateExited = "PROCESS_STATE_EXITED"
    case processStateStarting = "PROCESS_STATE_STARTING"
    case processStateStopping = "PROCESS_STATE_STOPPING"
    case processStateBackoff = "PROCESS_STATE_BACKOFF"
    case processStateFatal = "PROCESS_STATE_FATAL"
    case processStateRunning = "PROCESS_STATE_RUNNING"
    case processStateUnknown = "PROCESS_STATE_UNKNOWN"
    case processCommunication = "PROCESS_COMMUNICATION"
    case processCommunicationStdout = "PROCESS_COMMUNICATION_STDOUT"
    case processCommunicationStderr = "PROCESS_COMMUNICATION_STDERR"
    case processLog = "PROCESS_LOG"
    case processLogStdout = "PROCESS_LOG_STDOUT"
    case processLogStderr = "PROCESS_LOG_STDERR"
    case remoteCommunication = "REMOTE_COMMUNICATION"
    case supervisorStateChange = "SUPERVISOR_STATE_CHANGE"
    case supervisorStateChangeRunning = "SUPERVISOR_STATE_CHANGE_RUNNING"
    case supervisorStateChangeStopping = "SUPERVISOR_STATE_CHANGE_STOPPING"
    case tick = "TICK"
    case tick5 = "TICK_5"
    case tick60 = "TICK_60"
    case tick3600 = "TICK_3600"
    case processGroup = "PROCESS_GROUP"
    case processGroupAdded = "PROCESS_GROUP_ADDED"
    case processGroupRemoved = "PROCESS_GROUP_REMOVED"
    /// Tend's: the health of a program with probes or `ready` changed (supervisord has no such event).
    case processHealth = "PROCESS_HEALTH"
    case processHealthStarting = "PROCESS_HEALTH_STARTING"
    case processHealthHealthy = "PROCESS_HEALTH_HEALTHY"
    case processHealthUnhealthy = "PROCESS_HEALTH_UNHEALTHY"

    /// The abstract type this one belongs to (`EVENT` for the top).
    public var parent: EventName? {
        switch self {
        case .event: nil
        case .processState, .processCommunication, .processLog, .remoteCommunication, .supervisorStateChange,
            .tick, .processGroup, .processHealth:
            .event
        case .processStateStopped, .processStateExited, .processStateStarting, .processStateStopping,
            .processStateBackoff, .processStateFatal, .processStateRunning, .processStateUnknown:
            .processState
        case .processCommunicationStdout, .processCommunicationStderr: .processCommunication
        case .processLogStdout, .processLogStderr: .processLog
        case .supervisorStateChangeRunning, .supervisorStateChangeStopping: .supervisorStateChange
        case .tick5, .tick60, .tick3600: .tick
        case .processGroupAdded, .processGroupRemoved: .processGroup
        case .processHealthStarting, .processHealthHealthy, .processHealthUnhealthy: .processHealth
        }
    }

    /// Whether a listener subscribed to `subscription` receives this event.
    public func isDelivered(to subscription: EventName) -> Bool {
        var current: EventName? = self
        while let name = current {
            if name == subscription { return true }
            current = name.parent
        }
        return false
    }

    /// The PROCESS_STATE_* event for entering `state`.
    public static func processState(_ state: ProcessState) -> EventName {
        switch state {
        case .stopped: .processStateStopped
        case .starting: .processStateStarting
        case .running: .processStateRunning
        case .backoff: .processStateBackoff
        case .stopping: .processStateStopping
        case .exited: .processStateExited
        case .fatal: .processStateFatal
        case .unknown: .processStateUnknown
        }
    }

    /// The tick period in seconds for TICK_5/60/3600.
    public var tickPeriod: Int? {
        switch self {
        case .tick5: 5
        case .tick60: 60
        case .tick3600: 3600
        default: nil
        }
    }
}
