/// The control server could not listen: which listener, and why.
public struct ControlServerError: Error, Sendable, CustomStringConvertible {
    /// `unix:///path` or `http://host:port`.
    public var listener: String
    /// What went wrong, from the system.
    public var reason: String

    public init(listener: String, reason: String) {
        self.listener = listener
        self.reason = reason
    }

    /// `can't listen on unix:///tmp/tend.sock: Permission denied`.
    public var description: String { "can't listen on \(listener): \(reason)" }
}
