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
    public var displayName: String { group == name ? name : "\(group):\(name)" }
}

/// Which output stream of a process.
public enum OutputStream: String, Sendable, Hashable, Codable {
    case stdout, stderr
}

/// A piece of a log read from an offset, as supervisord's `tailProcessStdoutLog` returns it.
public struct LogChunk: Sendable, Hashable, Codable {
    /// The bytes, decoded as UTF-8 with replacement.
    public var text: String
    /// The offset just past the returned bytes: pass it back to read what follows.
    public var offset: Int
    /// True when more bytes were available than asked for (the start was cut).
    public var overflow: Bool

    public init(text: String, offset: Int, overflow: Bool) {
        self.text = text
        self.offset = offset
        self.overflow = overflow
    }
}

/// A program known to the configuration, as `supervisorctl avail` lists it.
public struct AvailableProgram: Sendable, Hashable, Codable {
    public var name: String
    public var group: String
    /// Currently managed by the daemon (`in use`), or only present in the file (`avail`).
    public var inUse: Bool
    public var autostart: Bool
    public var priority: Int

    public init(name: String, group: String, inUse: Bool, autostart: Bool, priority: Int) {
        self.name = name
        self.group = group
        self.inUse = inUse
        self.autostart = autostart
        self.priority = priority
    }
}

/// The groups a new config adds, changes and removes relative to the running one (`reread`).
public struct ConfigChanges: Sendable, Hashable, Codable {
    public var added: [String]
    public var changed: [String]
    public var removed: [String]

    public init(added: [String] = [], changed: [String] = [], removed: [String] = []) {
        self.added = added
        self.changed = changed
        self.removed = removed
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
}

/// What `update` did to one group: `web: added process group`, `web: stopped`, `web: updated process group`.
public struct UpdateResult: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case added, changed, removed
    }

    public var group: String
    public var action: Action
    /// `nil` on success.
    public var error: SupervisorError?

    public init(group: String, action: Action, error: SupervisorError? = nil) {
        self.group = group
        self.action = action
        self.error = error
    }
}
