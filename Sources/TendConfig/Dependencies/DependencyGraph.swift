/// The dependencies of every process, resolved to process keys (`group:process`), with the reverse edges.
///
/// Built from the groups of a configuration whenever they change; looking up what one process needs or what
/// needs it costs only its own edges, so a change to one process never walks every program.
public struct DependencyGraph: Sendable, Equatable {
    /// One resolved dependency: the process key, and the condition it must meet.
    public struct Edge: Sendable, Hashable {
        /// The key (`group:process`) of the process depended on.
        public var key: String
        /// What it must have reached.
        public var condition: Dependency.Condition
        /// The name as written in `depends_on` (a group name stands for each of its processes).
        public var written: String
    }

    /// What each process needs, by key, in `depends_on` order; processes without dependencies are absent.
    public private(set) var needs: [String: [Edge]] = [:]
    /// The keys of the processes that need each process, by key.
    public private(set) var dependants: [String: [String]] = [:]
    /// The names `depends_on` used that match no process, with the key of the process that used them.
    public private(set) var unresolved: [(key: String, name: String)] = []

    /// An empty graph.
    public init() {}

    /// The graph of `groups`. Unknown names are recorded in `unresolved` and otherwise ignored.
    public init(groups: [GroupSpec]) {
        let index = NameIndex(groups: groups)
        for group in groups {
            for program in group.programs where !program.dependencies.isEmpty {
                let key = program.qualifiedName
                var edges: [Edge] = []
                for dependency in program.dependencies {
                    guard let keys = index.keys(named: dependency.name) else {
                        unresolved.append((key, dependency.name))
                        continue
                    }
                    for target in keys
                    where !edges.contains(where: { $0.key == target && $0.condition == dependency.condition }) {
                        edges.append(Edge(key: target, condition: dependency.condition, written: dependency.name))
                        if !(dependants[target] ?? []).contains(key) { dependants[target, default: []].append(key) }
                    }
                }
                if !edges.isEmpty { needs[key] = edges }
            }
        }
    }

    /// True when no process depends on another.
    public var isEmpty: Bool { needs.isEmpty }

    /// Every key that needs `key`, directly or through others, nearest first.
    public func allDependants(of key: String) -> [String] {
        closure(from: key) { dependants[$0] ?? [] }
    }

    /// Every key that `key` needs, directly or through others, nearest first.
    public func allDependencies(of key: String) -> [String] {
        closure(from: key) { (needs[$0] ?? []).map(\.key) }
    }

    private func closure(from key: String, next: (String) -> [String]) -> [String] {
        var seen: Set<String> = [key]
        var order: [String] = []
        var queue = next(key)
        while !queue.isEmpty {
            let current = queue.removeFirst()
            guard seen.insert(current).inserted else { continue }
            order.append(current)
            queue += next(current)
        }
        return order
    }

    /// A cycle, as the keys along it with the first repeated at the end (`[a, b, a]`), or `nil` when there is none.
    /// A process that depends on itself is a cycle of one (`[a, a]`).
    public func firstCycle() -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        var path: [String] = []
        func visit(_ key: String) -> [String]? {
            if let done = state[key] {
                guard !done, let start = path.firstIndex(of: key) else { return nil }
                return Array(path[start...]) + [key]
            }
            state[key] = false
            path.append(key)
            for edge in needs[key] ?? [] {
                if let cycle = visit(edge.key) { return cycle }
            }
            path.removeLast()
            state[key] = true
            return nil
        }
        for key in needs.keys.sorted() {
            if let cycle = visit(key) { return cycle }
        }
        return nil
    }

    public static func == (lhs: DependencyGraph, rhs: DependencyGraph) -> Bool {
        lhs.needs == rhs.needs
    }
}

/// How `depends_on` names find processes: a group name (each of its processes), a `group:process` key, or a
/// process name that only one group has.
struct NameIndex {
    private var groups: [String: [String]] = [:]
    private var keys: Set<String> = []
    private var processes: [String: [String]] = [:]

    init(groups list: [GroupSpec]) {
        for group in list {
            groups[group.name] = group.programs.map(\.qualifiedName)
            for program in group.programs {
                keys.insert(program.qualifiedName)
                processes[program.name, default: []].append(program.qualifiedName)
            }
        }
    }

    /// The keys `name` stands for, or `nil` when it names nothing (or a process name that several groups share).
    func keys(named name: String) -> [String]? {
        if let members = groups[name], !members.isEmpty { return members }
        if keys.contains(name) { return [name] }
        if let found = processes[name], found.count == 1 { return found }
        return nil
    }
}
