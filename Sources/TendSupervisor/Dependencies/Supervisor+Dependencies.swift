import TendAPI
import TendConfig

/// `depends_on` at run time: a start whose dependencies are not ready waits (STARTING, without a child) and goes on
/// when the last of them is; a stop takes what depends on its targets down first.
///
/// Only the edges of what changed are looked at: a transition of a process re-checks the processes that wait for it,
/// nothing else.
extension Supervisor {
    /// Whether `process` may start now.
    func checkDependencies(of process: ManagedProcess) -> DependencyCheck {
        guard let edges = dependencies.needs[process.key] else { return .met }
        var waiting: [String] = []
        for edge in edges {
            guard let target = table[edge.key] else {
                waiting.append("\(edge.written) (not loaded)")
                continue
            }
            switch Self.evaluate(edge.condition, of: target) {
            case .met: continue
            case .waiting: waiting.append(Self.phrase(edge.condition, target.spec.name))
            case .failed(let reason): return .failed("dependency '\(target.spec.name)' \(reason)")
            }
        }
        return waiting.isEmpty ? .met : .waiting(waiting)
    }

    /// `redis`, `db to be healthy`, `migrate to exit 0`: what a start waits for, in words.
    static func phrase(_ condition: Dependency.Condition, _ name: String) -> String {
        switch condition {
        case .started: name
        case .healthy: "\(name) to be healthy"
        case .completed: "\(name) to complete"
        case .completedSuccessfully: "\(name) to exit 0"
        case .logReady: "\(name) to log its ready line"
        }
    }

    /// Whether `target` meets `condition`.
    static func evaluate(_ condition: Dependency.Condition, of target: ManagedProcess) -> DependencyCheck {
        if target.state == .fatal { return .failed("is FATAL: \(target.machine.spawnError)") }
        switch condition {
        case .started:
            return target.state == .running ? .met : .waiting([])
        case .healthy:
            return target.state == .running && target.health.isReady ? .met : .waiting([])
        case .logReady:
            return target.child != nil && target.health.logMatched ? .met : .waiting([])
        case .completed:
            return target.state == .exited ? .met : .waiting([])
        case .completedSuccessfully:
            guard target.state == .exited else { return .waiting([]) }
            let code = target.machine.exitStatus
            return code == 0 ? .met : .failed("exited with \(code); completed_successfully needs exit status 0")
        }
    }

    /// A `.spawn` of the state machine: spawns when the dependencies are met, else waits for them or gives up.
    func spawnWhenReady(_ process: ManagedProcess) {
        switch checkDependencies(of: process) {
        case .met:
            spawn(process)
        case .waiting(let names):
            logger.info("waiting: '\(process.spec.name)' waits for \(names.joined(separator: ", "))")
            perform(process.machine.awaitDependencies(timeout: process.spec.dependsTimeout), for: process)
        case .failed(let reason):
            logger.warning("gave up: \(process.spec.name) entered FATAL state, \(reason)")
            perform(process.machine.dependencyFailed(reason), for: process)
        }
    }

    /// `process` changed (state or health): the processes waiting for it are checked again.
    func dependencyChanged(_ process: ManagedProcess) {
        guard let keys = dependencies.dependants[process.key] else { return }
        for key in keys {
            guard let dependant = table[key], dependant.machine.awaitingDependencies else { continue }
            recheck(dependant)
        }
    }

    /// Checks a waiting process again, and starts it or gives it up.
    func recheck(_ dependant: ManagedProcess) {
        switch checkDependencies(of: dependant) {
        case .met:
            logger.info("ready: the dependencies of '\(dependant.spec.name)' are ready")
            perform(dependant.machine.dependenciesMet(), for: dependant)
        case .waiting:
            break
        case .failed(let reason):
            logger.warning("gave up: \(dependant.spec.name) entered FATAL state, \(reason)")
            perform(dependant.machine.dependencyFailed(reason), for: dependant)
        }
    }

    /// `depends_timeout` passed for a start still waiting.
    func dependsTimeoutElapsed(_ process: ManagedProcess) {
        guard case .waiting(let names) = checkDependencies(of: process) else { return recheck(process) }
        let seconds = process.spec.dependsTimeout ?? 0
        let reason =
            "timed out after \(seconds.secondsText) s (depends_timeout) waiting for \(names.joined(separator: ", "))"
        logger.warning("gave up: \(process.spec.name) entered FATAL state, \(reason)")
        perform(process.machine.dependencyFailed(reason), for: process)
    }

    /// What a waiting start waits for, for `tend status` and supervisord's description.
    func waitingDescription(of process: ManagedProcess) -> String? {
        guard process.machine.awaitingDependencies, case .waiting(let names) = checkDependencies(of: process) else {
            return nil
        }
        return names.joined(separator: ", ")
    }

    /// For `tend start NAME`: starts, dependencies first, whatever `process` needs that is not up and not on its
    /// way. A one-shot that already completed as asked is not run again.
    /// - Returns: the processes started, nearest dependency last.
    @discardableResult
    func startDependencies(of process: ManagedProcess, visited: inout Set<String>) -> [ManagedProcess] {
        guard let edges = dependencies.needs[process.key] else { return [] }
        var started: [ManagedProcess] = []
        for edge in edges where visited.insert(edge.key).inserted {
            guard let target = table[edge.key] else { continue }
            started += startDependencies(of: target, visited: &visited)
            guard target.state.isStoppedLike, Self.evaluate(edge.condition, of: target) != .met else { continue }
            logger.info("starting '\(target.spec.name)' first: '\(process.spec.name)' depends on it")
            if requestStart(target) == nil { started.append(target) }
        }
        return started
    }

    /// Stops `targets` and, before each, whatever depends on it (directly or not) and still runs or waits: in
    /// layers, a process only once nothing left depends on it; each layer stops together.
    /// - Returns: every process stopped, in the order stopped (the dependants the caller did not name included).
    func stopInDependencyOrder(_ targets: [ManagedProcess], wait: Bool) async -> [ManagedProcess] {
        var pending: [String: ManagedProcess] = [:]
        for process in targets { pending[process.key] = process }
        for process in targets {
            for key in dependencies.allDependants(of: process.key) where pending[key] == nil {
                guard let dependant = table[key], dependant.state.isRunningLike else { continue }
                logger.info("stopping '\(dependant.spec.name)' first: it depends on '\(process.spec.name)'")
                pending[key] = dependant
            }
        }
        var order: [ManagedProcess] = []
        while !pending.isEmpty {
            let left = Set(pending.keys)
            let graph = dependencies
            var layer = pending.values.filter { process in
                !graph.allDependants(of: process.key).contains(where: left.contains)
            }
            if layer.isEmpty { layer = Array(pending.values) }  // a cycle (refused by the loader): stop the rest at once
            layer.sort { $0.key < $1.key }
            for process in layer {
                pending[process.key] = nil
                pauseSchedule(of: process)
                if process.state.isRunningLike { perform(process.machine.stop(), for: process) }
            }
            order += layer
            if wait || !pending.isEmpty {
                for process in layer { await waitUntil(process) { !$0.state.isRunningLike && $0.state != .stopping } }
            }
        }
        return order
    }

    /// The graph was rebuilt: a waiting start whose dependencies changed is checked again.
    func rebuildDependencies() {
        dependencies = DependencyGraph(groups: configuration.groups)
        for process in table.all where process.machine.awaitingDependencies {
            recheck(process)
        }
    }

    /// The configuration changed (`update`, `reload`, a group added or removed): the dependency graph and the
    /// schedules follow it.
    func configurationChanged() {
        rebuildDependencies()
        syncSchedules()
    }
}
