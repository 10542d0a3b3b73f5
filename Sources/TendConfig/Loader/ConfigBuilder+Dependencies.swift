/// `depends_on` and `depends_timeout` of `[program:x]` (Tend extensions that supervisord ignores), and the checks of
/// the whole graph once every group is read.
///
/// Each check reports at the `depends_on` line of the process it concerns: a name that matches no group or process,
/// a process that depends on itself, a cycle (named along its path), a condition the dependency cannot meet
/// (`healthy` without a readiness probe or `ready`, `log_ready` without `ready_log_line`), and an autostart process
/// that depends on one that nothing starts (`autostart = false`).
extension ConfigBuilder {
    mutating func readDependencies(_ section: LoadedSection, _ expansion: Expansion, into spec: inout ProgramSpec) {
        if let entry = section.entry("depends_on"), let text = expanded(entry, expansion),
            !text.strippingWhitespace().isEmpty
        {
            do {
                spec.dependencies = try Dependency.parseList(text)
            } catch {
                report(.error, at: entry.location, "invalid 'depends_on': \(error.message)")
            }
        }
        if let entry = section.entry("depends_timeout") {
            if spec.dependencies.isEmpty {
                report(
                    .error, at: entry.location,
                    "'depends_timeout' needs 'depends_on': it bounds the wait for dependencies")
            } else {
                spec.dependsTimeout = value(section, "depends_timeout", expansion) {
                    ValueParsers.seconds($0, key: "depends_timeout")
                }
            }
        }
    }

    /// Reports every problem of the dependency graph of `groups`.
    mutating func checkDependencies(of groups: [GroupSpec]) {
        let graph = DependencyGraph(groups: groups)
        let programs = Dictionary(
            groups.flatMap(\.programs).map { ($0.qualifiedName, $0) }, uniquingKeysWith: { first, _ in first })
        for (key, name) in graph.unresolved {
            let hint =
                name.contains(":")
                ? " (a condition is one of \(Dependency.Condition.allCases.map(\.rawValue).joined(separator: ", ")))"
                : ""
            report(
                .error, at: dependencyLocations[key],
                "'\(programs[key]?.name ?? key)' depends on '\(name)', but no group or program has that name\(hint)")
        }
        for (key, edges) in graph.needs.sorted(by: { $0.key < $1.key }) {
            guard let program = programs[key] else { continue }
            for edge in edges {
                guard let target = programs[edge.key] else { continue }
                let location = dependencyLocations[key]
                if edge.key == key {
                    report(.error, at: location, "'\(program.name)' depends on itself")
                    continue
                }
                switch edge.condition {
                case .healthy where !target.hasReadiness:
                    report(
                        .error, at: location,
                        "'\(program.name)' waits for '\(edge.written):healthy', but '\(target.name)' has no readiness_probe and no 'ready': it could never become healthy"
                    )
                case .logReady where target.readyLogLine == nil:
                    report(
                        .error, at: location,
                        "'\(program.name)' waits for '\(edge.written):log_ready', but '\(target.name)' has no ready_log_line"
                    )
                default: break
                }
                if program.autostart && program.schedule == nil && !target.autostart && target.schedule == nil {
                    report(
                        .error, at: location,
                        "'\(program.name)' starts automatically but depends on '\(target.name)', which has autostart=false: nothing would start it (set autostart=true on '\(target.name)' or autostart=false on '\(program.name)')"
                    )
                }
            }
        }
        if let cycle = graph.firstCycle(), cycle.count > 2 {
            let names = cycle.map { programs[$0]?.name ?? $0 }
            report(.error, at: dependencyLocations[cycle[0]], "dependency cycle: \(names.joined(separator: " -> "))")
        }
    }
}
