/// What the event listener hub needs from the supervisor about a listener process, looked up by its key.
struct ListenerPort {
    /// The process's name, for log lines.
    var name: (String) -> String
    /// Whether the process is RUNNING (only running listeners get events).
    var isRunning: (String) -> Bool
    /// Writes to the process's stdin; false when the pipe is closed or full.
    var send: (String, [UInt8]) -> Bool
}
