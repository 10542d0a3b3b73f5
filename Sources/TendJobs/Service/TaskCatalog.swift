import TendConfig

/// The configured tasks, by name, with the one that requests naming no task use.
public struct TaskCatalog: Sendable, Hashable {
    /// Every task, by name.
    public private(set) var tasks: [String: TaskSpec]
    /// The task used when a request names none: the one with `default = true`, or the only task.
    public private(set) var defaultTask: String?

    /// Checks that names are unique and at most one task is the default.
    /// - Throws: `TaskSpecError` naming the duplicate or the competing defaults.
    public init(_ specs: [TaskSpec]) throws(TaskSpecError) {
        var tasks: [String: TaskSpec] = [:]
        for spec in specs {
            guard tasks[spec.name] == nil else {
                throw TaskSpecError(key: nil, message: "[task:\(spec.name)] is defined twice")
            }
            tasks[spec.name] = spec
        }
        let defaults = specs.filter(\.isDefault).map(\.name)
        guard defaults.count <= 1 else {
            throw TaskSpecError(
                key: "default",
                message: "more than one task has 'default = true' (\(defaults.joined(separator: ", "))); keep one")
        }
        self.tasks = tasks
        self.defaultTask = defaults.first ?? (specs.count == 1 ? specs[0].name : nil)
    }

    /// The task named `name`, or the default task when `name` is `nil`.
    public func task(named name: String?) -> TaskSpec? {
        guard let name = name ?? defaultTask else { return nil }
        return tasks[name]
    }

    /// Every task, sorted by name.
    public var specs: [TaskSpec] { tasks.values.sorted { $0.name < $1.name } }
}
