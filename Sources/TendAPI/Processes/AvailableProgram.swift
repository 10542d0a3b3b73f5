/// A program known to the configuration, as `supervisorctl avail` lists it and `GET /api/v1/avail` returns it.
public struct AvailableProgram: Sendable, Hashable, Codable {
    public var name: String
    public var group: String
    /// Currently managed by the daemon (`in use`), or only present in the file (`avail`).
    public var inUse: Bool
    public var autostart: Bool
    /// The process's priority.
    public var priority: Int
    /// The group's priority (`avail` prints a process as `group:process`).
    public var groupPriority: Int

    public init(name: String, group: String, inUse: Bool, autostart: Bool, priority: Int, groupPriority: Int) {
        self.name = name
        self.group = group
        self.inUse = inUse
        self.autostart = autostart
        self.priority = priority
        self.groupPriority = groupPriority
    }
}
