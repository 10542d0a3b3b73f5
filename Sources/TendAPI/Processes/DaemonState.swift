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
