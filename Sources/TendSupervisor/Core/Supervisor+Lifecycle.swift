import CoreMetrics
import Logging
import TendConfig
import TendPlatform

extension Supervisor {
    /// Performs a state machine's actions for `process`, then reports its transitions.
    func perform(_ actions: [ProcessStateMachine.Action], for process: ManagedProcess) {
        for action in actions {
            switch action {
            case .spawn:
                spawnWhenReady(process)
            case .arm(let deadline, let delay):
                arm(deadline, after: delay, for: process)
            case .disarm:
                process.deadline.cancel()
                process.deadlineGeneration += 1
            case .signal(let signal, let toGroup):
                send(signal, to: process, toGroup: toGroup)
            }
        }
        report(process)
    }

    /// Logs, publishes and wakes waiters for the transitions the machine recorded.
    func report(_ process: ManagedProcess) {
        let transitions = process.machine.drainTransitions()
        guard !transitions.isEmpty else { return }
        for transition in transitions {
            logTransition(transition, of: process)
            if process.spec.schedule != nil { scheduledTransition(transition, of: process) }
            emitStateChange(transition, of: process)
            if bus.hasSubscribers {
                var snapshot = status(of: process)
                snapshot.state = transition.to
                bus.publish(
                    .processStateChanged(snapshot, from: transition.from, expected: process.machine.exitWasExpected))
            }
        }
        process.wakeWaiters()
        dependencyChanged(process)
        if process.restartsAfterStop && process.state.isStoppedLike {
            process.restartsAfterStop = false
            if process.state == .stopped && daemonState == .running { perform(process.machine.start(), for: process) }
        }
    }

    private func logTransition(_ transition: ProcessStateMachine.Transition, of process: ManagedProcess) {
        let name = process.spec.name
        switch transition.to {
        case .running where transition.from == .starting && process.spec.schedule == nil:
            // In a crash loop the backoff line speaks for each restart: a success line per spawn would be the
            // per-spawn noise (and daemon work) that the loop's backoff exists to avoid.
            let level: Logger.Level = process.machine.isCrashLooping ? .debug : .info
            logger.log(
                level: level,
                "success: \(name) entered RUNNING state, process has stayed up for > than \(process.spec.startSecs) seconds (startsecs)"
            )
        case .fatal:
            logger.info("gave up: \(name) entered FATAL state, too many start retries too quickly")
        default:
            logger.debug("\(name) \(transition.from.name) -> \(transition.to.name)")
        }
    }

    func arm(_ deadline: ProcessStateMachine.Deadline, after delay: Duration, for process: ManagedProcess) {
        process.deadlineGeneration += 1
        let generation = process.deadlineGeneration
        let key = process.key
        process.deadline.schedule(after: delay) { [notices] in
            notices.yield(.deadline(deadline, key: key, generation: generation))
        }
    }

    func deadlineFired(_ deadline: ProcessStateMachine.Deadline, key: String, generation: Int) {
        guard let process = table[key], process.deadlineGeneration == generation else { return }
        switch deadline {
        case .startSecs:
            perform(process.machine.startSecsElapsed(), for: process)
        case .backoff:
            guard daemonState == .running else { return }
            perform(process.machine.backoffElapsed(), for: process)
        case .stopWait:
            logger.warning("killing '\(process.spec.name)' (\(process.child?.pid ?? process.groupLeader)) with SIGKILL")
            perform(process.machine.stopWaitElapsed(), for: process)
        case .dependsTimeout:
            dependsTimeoutElapsed(process)
        }
    }

    func send(_ signal: Int32, to process: ManagedProcess, toGroup: Bool) {
        if toGroup, process.groupLeader > 0 {
            ProcessGroup.signal(process.groupLeader, signal)
        } else if let child = process.child {
            child.send(signal: signal)
        }
    }

    /// A watched child was reaped.
    func childExited(key: String, pid: Int32, status: ExitStatus, at instant: ContinuousClock.Instant) {
        guard let process = table[key], let child = process.child, child.pid == pid else { return }
        process.child = nil
        process.stdin?.close()
        process.stdin = nil
        records?.remove(pid: pid)
        process.stoppedAt = WallClock.seconds
        childGone(process)
        let code: String
        switch status {
        case .exited(let value): code = "\(value)"
        case .signaled(let signal): code = SignalNameLookup.describe(signal)
        }
        Counter(
            label: "tend_process_exits_total",
            dimensions: [("group", process.spec.groupName), ("name", process.spec.name), ("code", code)],
            factory: options.metrics
        ).increment()
        listenerExited(process)
        let wasStopping = process.state == .stopping
        // In a crash loop, one line per delayed restart says it all (below), not two lines per spawn.
        let quiet = process.machine.isCrashLooping
        let groupStop = wasStopping && (process.spec.stopAsGroup || process.spec.killAsGroup)
        let groupAlive = groupStop && !ProcStat.liveMembers(ofGroup: child.pid).isEmpty
        let actions = process.machine.exited(
            status, at: instant, groupAlive: groupAlive, restartAllowed: daemonState == .running)
        let name = process.spec.name
        if wasStopping {
            let line = "stopped: \(name) (\(status))"
            if process.machine.exitWasExpected { logger.info("\(line)") } else { logger.warning("\(line)") }
        } else if quiet {
            logger.debug("exited: \(name) (\(status))")
        } else if process.machine.exitWasExpected {
            logger.info("exited: \(name) (\(status); expected)")
        } else {
            logger.warning("exited: \(name) (\(status); not expected)")
        }
        if process.machine.waitingForGroup { watchGroup(of: process) }
        perform(actions, for: process)
        if process.state == .backoff && process.machine.isCrashLooping {
            logger.warning("backoff: '\(name)' is in a \(process.machine.spawnError)")
        }
    }

    /// Adopted processes were reaped: a stop waiting for a process group to empty may be done.
    func adoptedChildrenExited() {
        for process in table.all where process.machine.waitingForGroup {
            watchGroup(of: process)
        }
    }

    /// During a group stop, after the leader exited: the stop completes when no live member is left.
    /// Each remaining member is watched through its pidfd (it need not be our child), so this works
    /// whether or not the daemon is their subreaper, and nothing polls.
    func watchGroup(of process: ManagedProcess) {
        guard process.machine.waitingForGroup else { return }
        let live = ProcStat.liveMembers(ofGroup: process.groupLeader)
        guard !live.isEmpty else {
            process.groupWatched = []
            perform(process.machine.groupGone(), for: process)
            return
        }
        let fresh = live.filter { !process.groupWatched.contains($0) }
        process.groupWatched.formUnion(fresh)
        let key = process.key
        _ = reaper?.watchOthers(fresh) { [notices] in notices.yield(.groupMemberExited(key: key)) }
    }

    func groupMemberExited(key: String) {
        guard let process = table[key] else { return }
        watchGroup(of: process)
    }
}
