import TendAPI
import TendConfig
import TendPlatform

extension Supervisor {
    /// Starts every `autostart` process, in priority order, without waiting for them to be RUNNING.
    public func startAutostartPrograms() {
        emit(.supervisorStateChangeRunning, "")
        for process in table.inStartOrder {
            guard process.spec.autostart, process.state == .stopped,
                !process.machine.hasStarted
            else { continue }
            perform(process.machine.start(), for: process)
        }
    }

    /// Starts the named processes (`all`, `group:*`, `group:name`, `name`), as supervisord's
    /// `startProcess`/`startProcessGroup`/`startAllProcesses`. With `wait`, answers once each is RUNNING
    /// or has failed (`SPAWN_ERROR` when it exited within `startsecs`).
    /// For `all` and `group:*`, processes already running are skipped, as supervisord does.
    /// While the daemon shuts down or restarts nothing starts: each selector gets `SHUTDOWN_STATE`.
    public func start(_ selectors: [String], wait: Bool = true) async -> [ActionResult] {
        guard daemonState == .running else {
            return selectors.map { ActionResult(name: $0, group: $0, error: SupervisorError(.shutdownState)) }
        }
        var results: [ActionResult] = []
        var started: [ManagedProcess] = []
        // A process started because a later name needs it is not "already started" when its own name comes.
        var visitedDependencies: Set<String> = []
        var startedAsDependency: Set<String> = []
        for selector in selectors {
            let targets: [ManagedProcess]
            do { targets = try resolve(selector) } catch {
                results.append(ActionResult(name: selector, group: selector, error: error))
                continue
            }
            let isSingle = Self.split(selector).name != nil && selector != "all"
            for process in targets where isSingle || !process.state.isRunningLike {
                resumeSchedule(of: process)
                if startedAsDependency.contains(process.key) {
                    started.append(process)
                    continue
                }
                if process.state.isStoppedLike {
                    let needed = startDependencies(of: process, visited: &visitedDependencies)
                    startedAsDependency.formUnion(needed.map(\.key))
                }
                if let error = requestStart(process) {
                    results.append(ActionResult(name: process.spec.name, group: process.spec.groupName, error: error))
                } else {
                    started.append(process)
                }
            }
        }
        for process in started {
            let error = wait ? await waitForStart(process) : nil
            results.append(ActionResult(name: process.spec.name, group: process.spec.groupName, error: error))
        }
        return results
    }

    /// Refuses or begins one start; `nil` when the start began.
    func requestStart(_ process: ManagedProcess) -> SupervisorError? {
        let name = process.spec.qualifiedName
        do {
            _ = try ExecutableLookup.resolve(process.spec.arguments.first ?? "", path: options.environment["PATH"])
        } catch {
            return SupervisorError(error.isMissingFile ? .noFile : .notExecutable, error.message)
        }
        if process.state.isRunningLike || process.state == .stopping { return SupervisorError(.alreadyStarted, name) }
        if process.state == .unknown { return SupervisorError(.failed, "\(name) is in an unknown process state") }
        perform(process.machine.start(), for: process)
        return nil
    }

    private func waitForStart(_ process: ManagedProcess) async -> SupervisorError? {
        await waitUntil(process) { $0.state != .starting || !$0.machine.spawnError.isEmpty }
        let name = process.spec.qualifiedName
        if !process.machine.spawnError.isEmpty && process.state != .running {
            return SupervisorError(.spawnError, name)
        }
        if process.state != .running && process.state != .starting {
            return SupervisorError(.abnormalTermination, name)
        }
        return nil
    }

    /// Stops the named processes, as supervisord's `stopProcess`/`stopProcessGroup`/`stopAllProcesses`
    /// (reverse priority order). With `wait`, answers once each is stopped. With `depends_on`, what depends on a
    /// target (and still runs or waits) stops first, in layers, and is in the results too.
    public func stop(_ selectors: [String], wait: Bool = true) async -> [ActionResult] {
        var results: [ActionResult] = []
        var stopping: [ManagedProcess] = []
        for selector in selectors {
            let targets: [ManagedProcess]
            do { targets = try resolve(selector) } catch {
                results.append(ActionResult(name: selector, group: selector, error: error))
                continue
            }
            let isSingle = Self.split(selector).name != nil && selector != "all"
            for process in targets.reversed()
            where isSingle || process.state.isRunningLike || process.spec.schedule != nil {
                pauseSchedule(of: process)
                if process.spec.schedule != nil && !process.state.isRunningLike {
                    // Stopping a scheduled program between runs pauses its schedule: that is a success.
                    results.append(ActionResult(name: process.spec.name, group: process.spec.groupName))
                    continue
                }
                guard process.state.isRunningLike else {
                    results.append(
                        ActionResult(
                            name: process.spec.name, group: process.spec.groupName,
                            error: SupervisorError(.notRunning, process.spec.qualifiedName)))
                    continue
                }
                stopping.append(process)
            }
        }
        if !dependencies.isEmpty {
            // What depends on a target stops first, and is reported too, in the order stopped.
            let stopped = await stopInDependencyOrder(stopping, wait: wait)
            return results + stopped.map { ActionResult(name: $0.spec.name, group: $0.spec.groupName) }
        }
        for process in stopping { perform(process.machine.stop(), for: process) }
        for process in stopping {
            if wait { await waitUntil(process) { $0.state.isStoppedLike } }
            results.append(ActionResult(name: process.spec.name, group: process.spec.groupName))
        }
        return results
    }

    /// Stops the named processes (waiting until they are down), then starts them, as supervisorctl's `restart`; what
    /// depends on them and was stopped with them (`depends_on`) starts again too, once they are ready. The results
    /// are the start's.
    public func restart(_ selectors: [String], wait: Bool = true) async -> [ActionResult] {
        var named: Set<String> = []
        for selector in selectors { for process in (try? resolve(selector)) ?? [] { named.insert(process.key) } }
        let stopped = await stop(selectors, wait: true)
        // They stopped dependants first: they start the other way round.
        let dependants = stopped.filter { $0.error == nil && !named.contains("\($0.group):\($0.name)") }
            .map { "\($0.group):\($0.name)" }.reversed()
        return await start(selectors + dependants, wait: wait)
    }

    /// Sends `signal` to the named processes (RUNNING, STARTING or STOPPING ones).
    public func signal(_ signal: SignalName, _ selectors: [String]) -> [ActionResult] {
        var results: [ActionResult] = []
        for selector in selectors {
            let targets: [ManagedProcess]
            do { targets = try resolve(selector) } catch {
                results.append(ActionResult(name: selector, group: selector, error: error))
                continue
            }
            for process in targets {
                var error: SupervisorError?
                if let child = process.child, [.running, .starting, .stopping].contains(process.state) {
                    if !child.send(signal: signal.number) {
                        error = SupervisorError(.failed, process.spec.qualifiedName)
                    }
                } else {
                    error = SupervisorError(.notRunning, process.spec.qualifiedName)
                }
                results.append(ActionResult(name: process.spec.name, group: process.spec.groupName, error: error))
            }
        }
        return results
    }

    /// Suspends until `test` holds for `process` (checked at once and after each of its transitions).
    func waitUntil(_ process: ManagedProcess, _ test: @escaping (ManagedProcess) -> Bool) async {
        if test(process) { return }
        await withCheckedContinuation { continuation in
            process.waiters.append((test, continuation))
        }
    }

    /// Stops everything for shutdown: groups in reverse priority order, each group's processes together,
    /// waiting for a group to be down before the next. No exit restarts anything from here on.
    public func stopAll() async {
        daemonState = .shutdown
        armScheduleTimer()
        stopExtraRuns()
        bus.publish(.supervisorStateChanged(.shutdown))
        emit(.supervisorStateChangeStopping, "")
        if !dependencies.isEmpty {
            _ = await stopInDependencyOrder(table.all.filter(\.state.isRunningLike), wait: true)
            // Stops asked for before the shutdown may still be under way.
            for process in table.all { await waitUntil(process) { !$0.state.isRunningLike && $0.state != .stopping } }
            return
        }
        for group in table.groupOrder.reversed() {
            let members = table.members(of: group).reversed()
            for process in members where process.state.isRunningLike {
                perform(process.machine.stop(), for: process)
            }
            for process in members {
                await waitUntil(process) { !$0.state.isRunningLike && $0.state != .stopping }
            }
        }
    }

    /// Stops everything and releases the record file: the last call before the daemon exits.
    public func shutdown() async {
        await stopAll()
        wallTimer?.close()
        wallTimer = nil
        closeTickTimers()
        records?.removeFile()
        records = nil
        bus.finishAll()
    }

    /// Writes `text` to the process's stdin (`sendProcessStdin`).
    public func sendStdin(_ name: String, _ text: String) throws(SupervisorError) {
        let targets = try resolve(name)
        guard let process = targets.first, targets.count == 1 else { throw SupervisorError(.badName, name) }
        guard process.child != nil, let stdin = process.stdin else { throw SupervisorError(.notRunning, name) }
        switch stdin.write(Array(text.utf8)) {
        case .accepted: return
        case .closed: throw SupervisorError(.noFile, name)
        case .full:
            throw SupervisorError(
                .failed, "\(name): \(stdin.maxPending) bytes already wait for the process to read its stdin")
        }
    }
}
