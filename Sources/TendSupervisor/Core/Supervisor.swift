import Logging
import TendAPI
import TendConfig
import TendPlatform

/// The runtime core: owns every supervised process and is the one place where their state changes.
///
/// Work happens only when something does: a child exits (its pidfd becomes readable), a deadline fires
/// (`startsecs`, a backoff delay, `stopwaitsecs`), or a control request arrives. Nothing wakes up
/// periodically and no operation walks every process unless it is about every process.
public actor Supervisor {
    let logger: Logger
    let options: SupervisorOptions
    /// The configuration in force.
    public internal(set) var configuration: Configuration
    /// Every process, by key and by group, in start order.
    var table = ProcessTable()
    let pump = OutputPump()
    var reaper: ChildReaper?
    var records: ChildRecords?
    var bus = EventBus()
    /// The event listener pools, and the TICK timers they need.
    let listeners: EventListenerHub
    /// One wall-clock timer per TICK period some pool subscribes to (`Supervisor+Ticks`).
    var tickTimers: [Int: WallClockTimer] = [:]
    /// The scheduled programs' next ticks, the one timer armed for the earliest, and the record of past ticks.
    var scheduler = Scheduler()
    var wallTimer: WallClockTimer?
    var tickRecords: TickRecords?
    var isActive = false
    /// What each process needs and what needs it (`depends_on`), rebuilt when the configuration changes.
    var dependencies: DependencyGraph
    /// The one ordered stream of exits and deadlines (`SupervisorNotice`), and the task that handles it.
    let notices: AsyncStream<SupervisorNotice>.Continuation
    private let noticeStream: AsyncStream<SupervisorNotice>
    private var noticeTask: Task<Void, Never>?
    /// The daemon's state (`getState`).
    public internal(set) var daemonState: DaemonState = .running
    /// When the supervisor was created (for `getPID`-like reports).
    public nonisolated let startedAt = WallClock.seconds

    /// Creates the supervisor for `configuration`. No process starts until `startAutostartPrograms()`.
    /// - Throws: `SupervisorSetupError` when a log file or the child record file cannot be created.
    public init(configuration: Configuration, options: SupervisorOptions, logger: Logger) throws {
        self.configuration = configuration
        self.options = options
        self.logger = logger
        dependencies = DependencyGraph(groups: configuration.groups)
        (noticeStream, notices) = AsyncStream.makeStream()
        listeners = EventListenerHub(logger: logger)
        if let path = options.childRecordsPath {
            records = try ChildRecords(path: path)
        }
        tickRecords = options.tickRecordsPath.map(TickRecords.init)
        for group in configuration.groups {
            for process in try Self.makeGroup(group, daemon: configuration.daemon, logger: logger) {
                table.add(process, to: group.name)
            }
        }
        table.groupOrder = configuration.groups.map(\.name)
    }

    /// Starts watching child exits. Call once before starting programs.
    public func activate() {
        guard reaper == nil else { return }
        let reaper = ChildReaper { [notices] in notices.yield(.adoptedChildrenExited) }
        noticeTask = Task { [weak self, noticeStream] in
            for await notice in noticeStream {
                guard let self else { return }
                await self.handle(notice)
            }
        }
        if options.becomeSubreaper { reaper.becomeSubreaper() }
        self.reaper = reaper
        isActive = true
        for group in configuration.groups {
            installEvents(for: group, processes: table.members(of: group.name))
        }
        updateTicks()
        do {
            wallTimer = try WallClockTimer { [notices] event in notices.yield(.wallClock(event)) }
        } catch {
            logger.error("scheduler: \(error); scheduled programs run only when started by hand")
        }
        syncSchedules()
    }

    /// Handles one notice, in the order notices were sent.
    private func handle(_ notice: SupervisorNotice) {
        switch notice {
        case .childExited(let key, let pid, let status, let instant):
            childExited(key: key, pid: pid, status: status, at: instant)
        case .groupMemberExited(let key):
            groupMemberExited(key: key)
        case .adoptedChildrenExited:
            adoptedChildrenExited()
        case .deadline(let deadline, let key, let generation):
            deadlineFired(deadline, key: key, generation: generation)
        case .wallClock(let event):
            wallClockFired(event)
        case .tickTimer(let period, let event):
            tickTimerFired(period: period, event)
        case .runTimedOut(let key, let generation):
            runTimedOut(key: key, generation: generation)
        case .queuedRunDue(let key):
            queuedRunDue(key: key)
        case .extraRunExited(let key, let pid, let status):
            extraRunExited(key: key, pid: pid, status: status)
        case .extraRunDeadline(let key, let pid):
            extraRunDeadline(key: key, pid: pid)
        case .probeDue(let key, let kind, let generation):
            probeDue(key: key, kind: kind, generation: generation)
        case .probeFinished(let key, let kind, let generation, let result):
            probeFinished(key: key, kind: kind, generation: generation, result: result)
        case .notifyMessage(let key, let text):
            notifyMessage(key: key, text: text)
        }
    }

    /// The processes of `group`, with their output set up as `daemon` (`childlogdir`, `strip_ansi`) says; a log
    /// file that stops taking writes (a full disk) is reported to `logger` once, and again when it works again.
    static func makeGroup(_ group: GroupSpec, daemon: DaemonSettings, logger: Logger) throws -> [ManagedProcess] {
        let isListener = group.kind == .eventListener
        let childLogDirectory = daemon.childlogdir
        let report: @Sendable (LogFile.Problem) -> Void = { problem in
            switch problem {
            case .failing: logger.error("\(problem)")
            case .recovered: logger.warning("\(problem)")
            }
        }
        return try group.programs.map { spec in
            let stdout = try ProcessOutput(
                path: logPath(spec.stdoutLog, spec: spec, stream: "stdout", directory: childLogDirectory),
                maxBytes: spec.stdoutLog.maxBytes, backups: spec.stdoutLog.backups,
                captureMaxBytes: isListener ? 0 : spec.stdoutLog.captureMaxBytes,
                eventsEnabled: !isListener && spec.stdoutLog.eventsEnabled, rawFeed: isListener,
                stripANSI: daemon.stripAnsi && !isListener, watchesOutput: spec.readyLogLine != nil, onProblem: report)
            let stderrPath =
                spec.redirectStderr
                ? nil : logPath(spec.stderrLog, spec: spec, stream: "stderr", directory: childLogDirectory)
            let stderr = try ProcessOutput(
                path: stderrPath, maxBytes: spec.stderrLog.maxBytes, backups: spec.stderrLog.backups,
                captureMaxBytes: spec.stderrLog.captureMaxBytes, eventsEnabled: spec.stderrLog.eventsEnabled,
                stripANSI: daemon.stripAnsi, watchesOutput: spec.readyLogLine != nil, onProblem: report)
            return ManagedProcess(spec: spec, stdout: stdout, stderr: stderr)
        }
    }

    /// The file a stream logs to: its path, a stable AUTO name in `childlogdir`, or `nil` for NONE.
    static func logPath(_ log: LogSpec, spec: ProgramSpec, stream: String, directory: String) -> String? {
        switch log.destination {
        case .none: return nil
        case .file(let path): return path
        case .automatic: return "\(directory)/\(spec.name)-\(stream)---\(spec.groupName).log"
        }
    }

    /// Subscribes to every event from now on, keeping up to 1024 unread ones (then the oldest are dropped).
    public func events() -> AsyncStream<SupervisorEvent> {
        events(buffer: 1024)
    }

    /// Subscribes to every event from now on, keeping up to `buffer` unread ones (then the oldest are dropped).
    public func events(buffer: Int) -> AsyncStream<SupervisorEvent> {
        bus.subscribe(buffer: buffer) { [weak self] id in
            guard let self else { return }
            Task { await self.unsubscribe(id) }
        }
    }

    private func unsubscribe(_ id: Int) {
        bus.unsubscribe(id)
    }

    /// The processes named by a selector (`ProcessTable.resolve`).
    /// - Throws: `SupervisorError(.badName)` when nothing matches.
    func resolve(_ selector: String) throws(SupervisorError) -> [ManagedProcess] {
        try table.resolve(selector)
    }

    /// supervisord's `split_namespec` (`Namespec`).
    static func split(_ selector: String) -> (group: String, name: String?) {
        let spec = Namespec(selector)
        return (spec.group, spec.process)
    }
}

/// The supervisor could not be set up (a log file or the record file could not be created).
public struct SupervisorSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
