/// supervisord's process states, with its numeric codes.
public enum ProcessState: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case stopped = 0
    case starting = 10
    case running = 20
    case backoff = 30
    case stopping = 40
    case exited = 100
    case fatal = 200
    case unknown = 1000

    /// `STOPPED`, `RUNNING`, … as supervisord names them.
    public var name: String {
        switch self {
        case .stopped: "STOPPED"
        case .starting: "STARTING"
        case .running: "RUNNING"
        case .backoff: "BACKOFF"
        case .stopping: "STOPPING"
        case .exited: "EXITED"
        case .fatal: "FATAL"
        case .unknown: "UNKNOWN"
        }
    }

    public var description: String { name }

    /// STARTING, RUNNING, BACKOFF (supervisord's RUNNING_STATES): a start request is refused.
    public var isRunningLike: Bool { self == .starting || self == .running || self == .backoff }

    /// STOPPED, EXITED, FATAL, UNKNOWN (supervisord's STOPPED_STATES): the process may be started.
    public var isStoppedLike: Bool { self == .stopped || self == .exited || self == .fatal || self == .unknown }
}
