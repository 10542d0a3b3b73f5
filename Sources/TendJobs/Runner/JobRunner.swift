import Logging
import TendConfig
import TendPlatform

/// Runs the jobs of one node: claims queued jobs from a store as slots free up, runs each one's command, and
/// records how it ended.
///
/// - Event-driven: it claims when the store announces a submission or a slot frees up; it never polls. Child
///   exits come from pidfds, output from pipe readiness, timeouts and result expiry from timers.
/// - Concurrency: at most `concurrency` jobs of a task run at once on this node; the others stay queued in order.
/// - Durability: on start it recovers the jobs this node had running when it died (their leftover processes are
///   killed first, then each job is requeued or marked `crashed` per its task's `on_interrupt`), so a job is
///   never lost and never runs twice at once.
/// - Fencing (shared stores): every write about a running job names its claim (`JobClaim`), so a node whose job a
///   peer took over cannot write into the new run; on each heartbeat it checks its claims and kills the process
///   of any job it no longer holds.
///
/// All state lives in this actor and changes one event at a time (`receive(_:)`); store writes run concurrently
/// beside it, so that they share commits.
public actor JobRunner {
    /// Something the runner reacts to; handled one at a time, in order.
    enum Event: Sendable {
        case shutdown
        case store(JobStoreEvent)
        case process(JobProcessEvent)
        case recovered
        case claimed([Job], slots: [String: Int])
        case claimFailed(JobStoreError)
        case progressWritten(JobID)
        case expiryDue
        case purged(next: JobTimestamp?)
        case effectDone
        case tasksChanged
        case claimsChecked(asked: [JobID: JobClaim], held: [JobID: JobClaim])
    }

    /// Work that `receive` asks for: store I/O run beside the actor; it reports back through events.
    typealias Effect = @Sendable () async -> Void

    /// A job whose process this runner started.
    struct ActiveJob {
        var job: Job
        var spec: TaskSpec
        var process: JobProcess
        var terminationRequested = false
        /// Whether a stop request may be sent now: at once, or after the first progress line of a task with
        /// `stop_when_ready` (its stop-signal handler is set by then).
        var readyForStop: Bool
        var progressWriting = false
        var pendingProgress: [UInt8]?
    }

    /// The node name this runner claims jobs as.
    public nonisolated let node: String
    let store: any JobStore
    let options: JobRunnerOptions
    let logger: Logger
    let metrics: JobMetrics
    /// Failures to record a job's process (for recovery after a crash), logged once per streak.
    let processWrites: FailureStreak
    /// Failures to record a job's progress, logged once per streak.
    let progressWrites: FailureStreak
    var tasks: [String: TaskSpec]

    var active: [JobID: ActiveJob] = [:]
    var runningCount: [String: Int] = [:]
    var mayHaveQueued: Set<String>
    var submittedDuringClaim: Set<String> = []
    var unknownTerminations: Set<JobID> = []
    var recovered = false
    var claimInFlight = false
    var claimAgain = false
    /// Whether a check that this node still holds its running jobs' claims is in flight (`JobRunner+Fencing`).
    var claimCheckInFlight = false
    var nextExpiry: JobTimestamp?
    var expiryTimer: DeadlineTimer?
    var shuttingDown = false
    var outstandingEffects = 0
    var events: AsyncStream<Event>.Continuation?
    /// The record of started job processes (`options.processRecordsPath`), while running.
    var records: ChildRecords?
    /// The callers of `waitUntilIdle()` that wait, by a key of their own.
    var idleWaiters: [Int: AsyncStream<Void>.Continuation] = [:]
    var nextIdleWaiter = 0

    /// A runner for `tasks` on the store's node `options.node`. Nothing happens until `run()`.
    public init(
        store: any JobStore, tasks: [TaskSpec], options: JobRunnerOptions = JobRunnerOptions(), logger: Logger,
        metrics: JobMetrics = JobMetrics()
    ) {
        self.node = options.node
        self.metrics = metrics
        self.store = store
        self.options = options
        self.logger = logger
        self.processWrites = FailureStreak("record a job's process in the store", logger: logger)
        self.progressWrites = FailureStreak("record a job's progress in the store", logger: logger)
        self.tasks = Dictionary(tasks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.mayHaveQueued = Set(self.tasks.keys)
    }

    /// The jobs whose processes run on this node now.
    public var runningJobIDs: [JobID] { active.keys.sorted() }

    /// Whether only a store event can give the runner work now: it runs and listens to the store, has recovered
    /// this node's jobs, has no claim in flight and no store write outstanding, runs no job and is not shutting
    /// down.
    var isIdle: Bool {
        events != nil && recovered && !claimInFlight && outstandingEffects == 0 && active.isEmpty && !shuttingDown
    }

    /// Returns once the runner is idle: it runs and hears the store's events, has recovered this node's jobs,
    /// claimed what was queued and written every outcome, and runs no job, so that only a store event (a
    /// submission on this node or another) can give it work.
    ///
    /// Returns at once when it is idle now, and early when the calling task is cancelled. Before `run()` it waits
    /// for the runner to start and become idle; a runner that stops without becoming idle keeps it waiting until
    /// the calling task is cancelled.
    public func waitUntilIdle() async {
        if isIdle { return }
        let (idle, continuation) = AsyncStream.makeStream(of: Void.self)
        let key = nextIdleWaiter
        nextIdleWaiter += 1
        idleWaiters[key] = continuation
        for await _ in idle {}
        idleWaiters[key] = nil
    }

    /// Replaces the task definitions (after a config reload). Running jobs keep the settings they started with.
    public func update(tasks: [TaskSpec]) {
        self.tasks = Dictionary(tasks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        events?.yield(.tasksChanged)
    }

    /// Runs until the calling task is cancelled: recovers this node's interrupted jobs, purges expired results,
    /// then runs jobs as they are submitted.
    ///
    /// On cancellation it shuts down gracefully: running jobs get their stop signal (SIGKILL after their grace
    /// period) and are handed back per `on_interrupt` (requeued, or `crashed`); it returns once every job is
    /// accounted for in the store. It also ignores SIGPIPE for the process, as the daemon does. Calling it while
    /// it already runs returns at once.
    public func run() async {
        guard events == nil else { return }
        DaemonProcess.ignoreBrokenPipes()
        if let path = options.processRecordsPath {
            do {
                records = try ChildRecords(path: path)
            } catch {
                logger.warning("couldn't record job processes: \(error)")
            }
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        events = continuation
        expiryTimer = DeadlineTimer { continuation.yield(.expiryDue) }
        let storeEvents = store.subscribe()
        let loop = Task { await self.loop(stream, storeEvents: storeEvents, continuation: continuation) }
        await withTaskCancellationHandler {
            await loop.value
        } onCancel: {
            continuation.yield(.shutdown)
        }
        expiryTimer?.cancel()
        events = nil
        records?.removeFile()
        records = nil
    }

    private func loop(
        _ stream: AsyncStream<Event>, storeEvents: AsyncStream<JobStoreEvent>,
        continuation: AsyncStream<Event>.Continuation
    ) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await change in storeEvents { continuation.yield(.store(change)) }
            }
            func perform(_ effects: [Effect]) {
                for effect in effects {
                    outstandingEffects += 1
                    group.addTask {
                        await effect()
                        continuation.yield(.effectDone)
                    }
                }
            }
            perform([recoveryEffect(of: node, stopLeftovers: true)])
            for await event in stream {
                perform(receive(event))
                if isIdle, !idleWaiters.isEmpty {
                    for waiter in idleWaiters.values { waiter.finish() }
                    idleWaiters = [:]
                }
                if shuttingDown, active.isEmpty, !claimInFlight, outstandingEffects == 0 { break }
            }
            continuation.finish()
            group.cancelAll()
        }
    }

    /// Applies one event to the runner's state and says what I/O to start.
    func receive(_ event: Event) -> [Effect] {
        switch event {
        case .shutdown:
            return beginShutdown()
        case .store(let change):
            return storeChanged(change)
        case .process(.progress(let id, let line)):
            return progressReported(line, of: id)
        case .process(.ended(let id, let ending)):
            return processEnded(id, ending)
        case .recovered:
            recovered = true
            return claimIfNeeded()
        case .claimed(let jobs, let slots):
            return claimed(jobs, slots: slots)
        case .claimFailed(let error):
            claimInFlight = false
            logger.error("couldn't claim jobs: \(error.message)")
            return claimAgain ? claimIfNeeded() : []
        case .progressWritten(let id):
            return progressWritten(id)
        case .expiryDue:
            nextExpiry = nil
            return shuttingDown ? [] : [purgeEffect()]
        case .purged(let next):
            if let next { scheduleExpiry(next) }
            return []
        case .effectDone:
            outstandingEffects -= 1
            return []
        case .tasksChanged:
            mayHaveQueued = Set(tasks.keys)
            return claimIfNeeded()
        case .claimsChecked(let asked, let held):
            return claimsChecked(asked: asked, held: held)
        }
    }

    private func storeChanged(_ change: JobStoreEvent) -> [Effect] {
        switch change {
        case .submitted(let task):
            guard tasks[task] != nil else { return [] }
            mayHaveQueued.insert(task)
            if claimInFlight { submittedDuringClaim.insert(task) }
            return claimIfNeeded()
        case .terminationRequested(let id, let owner):
            guard owner == node else { return [] }
            if var job = active[id] {
                job.terminationRequested = true
                active[id] = job
                if job.readyForStop { job.process.stop(.terminated) }
            } else if claimInFlight {
                unknownTerminations.insert(id)
            }
            return []
        case .finished(_, let expiresAt):
            scheduleExpiry(expiresAt)
            return []
        case .nodeLost(let lost):
            guard lost != node, !shuttingDown else { return [] }
            return [recoveryEffect(of: lost, stopLeftovers: false)]
        case .heartbeat:
            return checkClaims()
        case .started, .progressed:
            return []
        }
    }

    private func beginShutdown() -> [Effect] {
        guard !shuttingDown else { return [] }
        shuttingDown = true
        expiryTimer?.cancel()
        for job in active.values { job.process.stop(.shutdown) }
        return []
    }

    private func scheduleExpiry(_ deadline: JobTimestamp) {
        guard !shuttingDown else { return }
        if let nextExpiry, nextExpiry <= deadline { return }
        nextExpiry = deadline
        expiryTimer?.schedule(at: deadline)
    }

    private func purgeEffect() -> Effect {
        let store = store
        let logger = logger
        let events = events
        return {
            do throws(JobStoreError) {
                let next = try await store.purgeExpired(now: .now)
                events?.yield(.purged(next: next))
            } catch {
                logger.error("couldn't purge expired jobs: \(error.message)")
            }
        }
    }
}
