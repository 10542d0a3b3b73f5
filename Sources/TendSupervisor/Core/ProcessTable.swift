import TendAPI

/// The supervisor's processes: by `group:name` key, by group in start order, and the groups in start order
/// (priority, then name). It answers selectors (`all`, `group:*`, `group:name`, `name`) as supervisord does.
/// A value owned by the `Supervisor` actor; it starts and stops nothing itself.
struct ProcessTable {
    private var processes: [String: ManagedProcess] = [:]
    private var keysByGroup: [String: [String]] = [:]
    /// Group names in start order.
    var groupOrder: [String] = []

    /// The process with key `group:name`.
    subscript(key: String) -> ManagedProcess? { processes[key] }

    /// Every process, in no particular order.
    var all: Dictionary<String, ManagedProcess>.Values { processes.values }

    /// Every process, groups in start order and each group's processes in their order.
    var inStartOrder: [ManagedProcess] { groupOrder.flatMap { members(of: $0) } }

    /// Whether `group` is managed.
    func contains(group: String) -> Bool { keysByGroup[group] != nil }

    /// The processes of `group`, in their order (none for an unknown group).
    func members(of group: String) -> [ManagedProcess] {
        (keysByGroup[group] ?? []).compactMap { processes[$0] }
    }

    /// Adds `process` at the end of `group`.
    mutating func add(_ process: ManagedProcess, to group: String) {
        processes[process.key] = process
        keysByGroup[group, default: []].append(process.key)
    }

    /// Forgets `group` and its processes (the order is the caller's to update).
    mutating func removeGroup(_ group: String) {
        for key in keysByGroup.removeValue(forKey: group) ?? [] { processes.removeValue(forKey: key) }
    }

    /// The processes named by a selector: `all`, `group:*`, `group:name`, or `name` (= `name:name`).
    /// - Throws: `SupervisorError(.badName)` when nothing matches.
    func resolve(_ selector: String) throws(SupervisorError) -> [ManagedProcess] {
        if selector == "all" { return inStartOrder }
        let spec = Namespec(selector)
        guard contains(group: spec.group) else { throw SupervisorError(.badName, selector) }
        guard let name = spec.process else { return members(of: spec.group) }
        guard let process = processes[Namespec.qualified(group: spec.group, process: name)] else {
            throw SupervisorError(.badName, selector)
        }
        return [process]
    }
}
