/// `ready`: how a program says it is ready, besides (or instead of) a readiness probe.
public enum ReadySignal: String, Sendable, Hashable, Codable, CaseIterable {
    /// The child gets `NOTIFY_SOCKET` and is ready when it sends `READY=1`, as systemd's `Type=notify`.
    case notify
    /// The program is ready when a line of its output matches `ready_log_line`.
    case log
}
