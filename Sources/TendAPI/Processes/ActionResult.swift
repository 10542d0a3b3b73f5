/// The outcome of a control request for one process (one line of `supervisorctl start all`).
public struct ActionResult: Sendable, Hashable, Codable {
    /// The process name.
    public var name: String
    /// The group name.
    public var group: String
    /// `nil` on success, else why it failed.
    public var error: SupervisorError?

    public init(name: String, group: String, error: SupervisorError? = nil) {
        self.name = name
        self.group = group
        self.error = error
    }

    /// `name` for a process alone in a group of the same name, else `group:name`.
    public var displayName: String { Namespec.make(group: group, process: name) }
}
