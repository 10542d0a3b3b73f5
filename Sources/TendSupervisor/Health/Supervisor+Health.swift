import Logging
import TendAPI
import TendConfig
import TendPlatform

/// Readiness and liveness at run time. Each child of a program with probes has its own timers: a probe runs
/// `initial_delay` after the spawn, then `interval` after the previous run ended, and only while that child lives;
/// a `ready = notify` program reports on its own socket, a `ready = log` one is matched line by line. Nothing walks
/// every program: the cost is the probes themselves.
extension Supervisor {
    /// A child was spawned: its health starts from scratch and its probes are armed.
    func childSpawned(_ process: ManagedProcess) {
        guard process.health.isTracked || process.readyPattern != nil else { return }
        process.healthGeneration += 1
        process.health.reset()
        process.partialLine = []
        if let probe = process.spec.readinessProbe {
            armProbe(.readiness, probe, after: probe.initialDelay, for: process)
        }
        if let probe = process.spec.livenessProbe {
            armProbe(.liveness, probe, after: probe.initialDelay, for: process)
        }
        healthChanged(process, from: nil)
    }

    /// The child is gone: its probes stop, and a later result for it is ignored.
    func childGone(_ process: ManagedProcess) {
        guard process.health.isTracked || process.readyPattern != nil else { return }
        process.healthGeneration += 1
        process.readinessTimer.cancel()
        process.livenessTimer.cancel()
        process.health.reset()
    }

    /// The process is removed: its timers and notify socket go.
    func closeHealth(_ process: ManagedProcess) {
        childGone(process)
        process.notifySocket?.close()
        process.notifySocket = nil
    }

    /// The notify socket of a `ready = notify` program, made on its first spawn; `nil` for other programs or when
    /// the socket cannot be made (logged: the program then never becomes ready).
    func notifySocket(for process: ManagedProcess) -> NotifySocket? {
        guard process.spec.ready == .notify else { return nil }
        if let socket = process.notifySocket { return socket }
        let key = process.key
        do {
            let socket = try NotifySocket(name: "tend/\(DaemonProcess.pid)/\(key)/\(process.healthGeneration)") {
                [notices] text in
                notices.yield(.notifyMessage(key: key, text: text))
            }
            process.notifySocket = socket
            return socket
        } catch {
            logger.error("\(process.spec.name): \(error); it cannot report READY=1")
            return nil
        }
    }

    private func armProbe(_ kind: ProbeKind, _ probe: Probe, after delay: Double, for process: ManagedProcess) {
        let key = process.key
        let generation = process.healthGeneration
        let timer = kind == .readiness ? process.readinessTimer : process.livenessTimer
        timer.schedule(after: .milliseconds(Int(delay * 1000))) { [notices] in
            notices.yield(.probeDue(key: key, kind: kind, generation: generation))
        }
    }

    /// A probe is due: it runs off the actor, and its result comes back as a notice.
    func probeDue(key: String, kind: ProbeKind, generation: Int) {
        guard let process = table[key], process.healthGeneration == generation, process.child != nil,
            let probe = kind == .readiness ? process.spec.readinessProbe : process.spec.livenessProbe
        else { return }
        var launch = launchSpec(for: process.spec)
        if case .exec(let arguments) = probe.check { launch.arguments = arguments }
        let reaper = self.reaper
        Task { [notices] in
            let result: ProbeResult
            switch probe.check {
            case .tcp(let host, let port):
                result = await NetworkProbe.tcp(host: host, port: port, timeout: probe.timeout)
            case .http(let host, let port, let path):
                result = await NetworkProbe.http(host: host, port: port, path: path, timeout: probe.timeout)
            case .exec:
                guard let reaper else { return }
                result = await ExecProbe.run(launch, timeout: probe.timeout, reaper: reaper)
            }
            notices.yield(.probeFinished(key: key, kind: kind, generation: generation, result: result))
        }
    }

    /// A probe run ended: the health follows, a failed liveness restarts the process, and the next run is armed.
    func probeFinished(key: String, kind: ProbeKind, generation: Int, result: ProbeResult) {
        guard let process = table[key], process.healthGeneration == generation, process.child != nil,
            let probe = kind == .readiness ? process.spec.readinessProbe : process.spec.livenessProbe
        else { return }
        let before = process.health.status
        let outcome = process.health.record(result, of: kind)
        if !result.passed {
            logger.debug("\(kind.rawValue) probe of '\(process.spec.name)' failed: \(result.output)")
        }
        healthChanged(process, from: before)
        if case .restart(let reason) = outcome, process.state == .running || process.state == .starting {
            logger.warning("restarting: '\(process.spec.name)': \(reason)")
            process.restartsAfterStop = true
            perform(process.machine.stop(), for: process)
            return
        }
        armProbe(kind, probe, after: probe.interval, for: process)
    }

    /// A datagram on a `ready = notify` program's socket.
    func notifyMessage(key: String, text: String) {
        guard let process = table[key], process.child != nil else { return }
        let before = process.health.status
        if process.health.notify(text) { healthChanged(process, from: before) }
    }

    /// Output of a program with `ready_log_line`: complete lines are matched until one does.
    func readinessOutput(_ bytes: [UInt8], of process: ManagedProcess) {
        guard let pattern = process.readyPattern, process.child != nil, !process.health.logMatched else { return }
        process.partialLine += bytes
        while let end = process.partialLine.firstIndex(of: 10) {
            let line = String(decoding: process.partialLine[..<end], as: UTF8.self)
            process.partialLine.removeSubrange(...end)
            if (try? pattern.firstMatch(in: line)) != nil {
                process.partialLine = []
                let before = process.health.status
                _ = process.health.matchedReadyLine()
                logger.info("ready: '\(process.spec.name)' wrote a line matching ready_log_line")
                healthChanged(process, from: before)
                return
            }
        }
        if process.partialLine.count > ProcessOutput.tailCapacity { process.partialLine.removeAll() }
    }

    /// Publishes a change of health (an event, the log) and wakes what waits for it.
    func healthChanged(_ process: ManagedProcess, from before: HealthStatus?) {
        let after = process.health.status
        if before?.phase != after?.phase, let after {
            if before != nil || after.phase != .starting {
                let line = "health: '\(process.spec.name)' is \(after.description)"
                if after.phase == .unhealthy { logger.warning("\(line)") } else { logger.info("\(line)") }
            }
            emit(
                after.phase == .healthy
                    ? .processHealthHealthy
                    : after.phase == .unhealthy ? .processHealthUnhealthy : .processHealthStarting,
                "processname:\(process.spec.name) groupname:\(process.spec.groupName) pid:\(process.child?.pid ?? 0) from:\(before?.phase.rawValue ?? "none") to:\(after.phase.rawValue)\n\(after.detail)"
            )
            if bus.hasSubscribers { bus.publish(.healthChanged(status(of: process))) }
        }
        dependencyChanged(process)
    }
}
