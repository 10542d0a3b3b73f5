import TendAPI
import TendConfig
import TendPlatform

extension Supervisor {
    /// Snapshots of the named processes (every process for an empty list), in start order.
    /// - Throws: `SupervisorError(.badName)` for a name that matches nothing.
    public func statuses(_ selectors: [String] = []) throws(SupervisorError) -> [ProcessStatus] {
        let selected = selectors.isEmpty ? ["all"] : selectors
        var result: [ProcessStatus] = []
        for selector in selected {
            result += try resolve(selector).map { status(of: $0) }
        }
        return result
    }

    /// Snapshots as `statuses(_:)`, each running one with its CPU time and resident memory read from /proc (off the
    /// actor).
    /// - Throws: `SupervisorError(.badName)` for a name that matches nothing.
    public nonisolated func statusesWithUsage(_ selectors: [String] = []) async throws(SupervisorError)
        -> [ProcessStatus]
    {
        try await statuses(selectors).map { status in
            var status = status
            if status.pid > 0, let usage = ProcStat.usage(of: status.pid) {
                status.usage = ResourceUsage(cpuSeconds: usage.cpuSeconds, rssBytes: usage.residentBytes)
            }
            return status
        }
    }

    /// The events waiting in each event listener pool's buffer.
    public func listenerQueueLengths() -> [(pool: String, events: Int)] {
        listeners.queueLengths
    }

    /// The pid of every running child, by process.
    public func childPIDs() -> [(name: String, group: String, pid: Int32)] {
        table.inStartOrder.compactMap { process in
            guard let child = process.child else { return nil }
            return (process.spec.name, process.spec.groupName, child.pid)
        }
    }

    /// Every program of `configuration` (the running one when `nil`), marked in use or only available.
    public func available(in configuration: Configuration? = nil) -> [AvailableProgram] {
        let source = configuration ?? self.configuration
        return source.groups.flatMap { group in
            group.programs.map { spec in
                AvailableProgram(
                    name: spec.name, group: spec.groupName,
                    inUse: table[spec.qualifiedName]?.spec == spec,
                    autostart: spec.autostart, priority: spec.priority, groupPriority: group.priority)
            }
        }
    }

    func status(of process: ManagedProcess) -> ProcessStatus {
        let now = WallClock.seconds
        let spec = process.spec
        var status = ProcessStatus(
            name: spec.name, group: spec.groupName, state: process.state, pid: process.child?.pid ?? 0,
            start: process.startedAt, stop: process.stoppedAt, now: now, exitStatus: process.machine.exitStatus,
            spawnError: process.machine.spawnError,
            description: scheduleDescription(of: process) ?? Self.describe(process, now: now),
            stdoutLogfile: process.stdout.path ?? "", stderrLogfile: process.stderr.path ?? "")
        status.schedule = spec.schedule?.schedule.description
        status.restarts = max(process.spawnCount - 1, 0)
        if process.child != nil { status.health = process.health.status }
        if let waiting = waitingDescription(of: process) {
            status.waitingFor = waiting
            status.description = "waiting for \(waiting)"
        }
        return status
    }

    /// supervisord's `_interpretProcessInfo` text.
    static func describe(_ process: ManagedProcess, now: Int) -> String {
        switch process.state {
        case .running:
            return "pid \(process.child?.pid ?? 0), uptime \(uptime(seconds: max(now - process.startedAt, 0)))"
        case .fatal, .backoff:
            let error = process.machine.spawnError
            return error.isEmpty ? "unknown error (try \"tail \(process.spec.name)\")" : error
        case .stopped, .exited:
            return process.startedAt == 0 ? "Not started" : localTime(process.stoppedAt)
        default:
            return ""
        }
    }

    /// Python's `str(timedelta)`: `0:01:02`, `1 day, 0:01:02`, `3 days, 4:05:06`.
    static func uptime(seconds: Int) -> String {
        let days = seconds / 86400
        let rest = seconds % 86400
        let clock = "\(rest / 3600):" + twoDigits((rest % 3600) / 60) + ":" + twoDigits(rest % 60)
        switch days {
        case 0: return clock
        case 1: return "1 day, " + clock
        default: return "\(days) days, " + clock
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `Nov 22 10:04 AM`, as supervisord shows a stop time.
    static func localTime(_ seconds: Int) -> String {
        LocalTime.format(secondsSinceEpoch: Double(seconds), pattern: "%b %d %I:%M %p")
    }
}
