import Synchronization
import TendAPI
import TendConfig

/// The job API as the control server calls it: submit, status, terminate, list, wait.
///
/// It checks requests against the configured tasks and answers in the API's terms (`JobStatusReport`,
/// `JobError`); the store does the rest. HTTP status codes are the server's. It can run on any node that shares
/// the store.
public final class JobService: Sendable {
    /// Limits on requests.
    public struct Options: Sendable, Hashable {
        /// The largest request body accepted as a job's input. Default 1 MiB.
        public var maximumInputBytes: Int

        public init(maximumInputBytes: Int = 1024 * 1024) {
            self.maximumInputBytes = maximumInputBytes
        }
    }

    private let store: any JobStore
    private let options: Options
    private let catalog: Mutex<TaskCatalog>
    private let metrics: JobMetrics

    public init(
        store: any JobStore, tasks: TaskCatalog, options: Options = Options(), metrics: JobMetrics = JobMetrics()
    ) {
        self.store = store
        self.options = options
        self.metrics = metrics
        self.catalog = Mutex(tasks)
    }

    /// The configured tasks.
    public var tasks: TaskCatalog { catalog.withLock { $0 } }

    /// Replaces the configured tasks (after a config reload); jobs already queued keep their task name.
    public func update(tasks: TaskCatalog) {
        catalog.withLock { $0 = tasks }
    }

    /// The largest job input accepted, in bytes.
    public var maximumInputBytes: Int { options.maximumInputBytes }

    /// Queues a job of `task` (or of the default task when `nil`) with `input` (a JSON document) as its stdin.
    /// - Returns: the new job's id, once the job is committed to the store (it survives a daemon crash).
    /// - Throws: `JobError` — `inputTooLarge`, `unknownTask`, `noDefaultTask`, `invalidInput` (nothing is queued),
    ///   or `storeFailure`.
    public func submit(task: String?, input: [UInt8]) async throws(JobError) -> JobID {
        try checkSize(input)
        _ = try parse(input)
        return try await enqueue(task: task, input: input)
    }

    /// Queues a job of `task` (or of the default task when `nil`) whose input is `document`, already parsed (the
    /// `input` member of a `POST /api/v1/jobs` body): it is not parsed again.
    /// - Throws: `JobError` — `inputTooLarge`, `unknownTask`, `noDefaultTask`, or `storeFailure`.
    public func submit(task: String?, document: JSONValue) async throws(JobError) -> JobID {
        let input = document.serialized
        try checkSize(input)
        return try await enqueue(task: task, input: input)
    }

    /// `POST /task`: queues `body` (a JSON document) as a job's input, whole. When it is an object with a
    /// `"task"` member, that names the task; otherwise the default task runs it.
    /// - Throws: as `submit(task:input:)`; `invalidInput` also when `"task"` is not a string.
    public func submit(body: [UInt8]) async throws(JobError) -> JobID {
        try checkSize(body)
        var task: String?
        if let member = try parse(body)["task"] {
            guard let name = member.stringValue else {
                throw JobError(.invalidInput, "'task' must be the name of a task (a string)")
            }
            task = name
        }
        return try await enqueue(task: task, input: body)
    }

    private func checkSize(_ input: [UInt8]) throws(JobError) {
        guard input.count <= options.maximumInputBytes else {
            throw JobError(.inputTooLarge, "the request body is larger than \(options.maximumInputBytes) bytes")
        }
    }

    private func parse(_ input: [UInt8]) throws(JobError) -> JSONValue {
        do {
            return try JSONParser.parse(input)
        } catch {
            throw JobError(.invalidInput, "the request body is not JSON: \(error)")
        }
    }

    private func enqueue(task: String?, input: [UInt8]) async throws(JobError) -> JobID {
        let catalog = tasks
        guard let spec = catalog.task(named: task) else {
            if let task { throw JobError(.unknownTask, "no task named '\(task)' is configured") }
            throw JobError(.noDefaultTask, "the request names no task and no task has 'default = true'")
        }
        do {
            let id = try await store.submit(JobSubmission(task: spec.name, input: input)).id
            metrics.submitted(task: spec.name)
            return id
        } catch {
            throw .store(error)
        }
    }

    /// The job's status as `GET /status/<id>` reports it, or `nil` (404) when the id is unknown or expired.
    public func status(of id: JobID) async throws(JobError) -> JobStatusReport? {
        guard let job = try await job(id) else { return nil }
        let errorName = tasks.tasks[job.task]?.errorName ?? "TaskError"
        return JobStatusReport(job: job, errorName: errorName)
    }

    /// Stops a job: a queued job becomes `terminated` and never starts; a running job gets its stop signal on
    /// whichever node runs it (SIGKILL after its grace period) and becomes `terminated`; a finished job is
    /// left as it is.
    /// - Returns: `{"status": "terminating task: <id>"}`, and the job's state after the request.
    /// - Throws: `JobError.notFound` for an unknown or expired id; `storeFailure`.
    public func terminate(_ id: JobID) async throws(JobError) -> JobStatusReport {
        guard let job = try await job(id) else { throw notFound(id) }
        let ttl = tasks.tasks[job.task]?.resultTTL ?? 300
        let now = JobTimestamp.now
        let result: TerminationRequestResult
        do {
            result = try await store.requestTermination(
                of: id, message: "terminated on request before it started", now: now,
                expiresAt: now.adding(seconds: ttl))
        } catch {
            throw .store(error)
        }
        let body = JSONValue.object([("status", .string("terminating task: \(id.rawValue)"))])
        switch result {
        case .cancelledWhileQueued(let job), .stopRequested(let job), .alreadyFinished(let job):
            return JobStatusReport(state: job.state, body: body)
        case .notFound:
            throw notFound(id)
        }
    }

    /// The job, or `nil` when the id is unknown or expired.
    public func job(_ id: JobID) async throws(JobError) -> Job? {
        do {
            return try await store.job(id, now: .now)
        } catch {
            throw .store(error)
        }
    }

    /// How many unexpired jobs each task has in each state.
    public func counts() async throws(JobError) -> [JobCount] {
        do {
            return try await store.counts(now: .now)
        } catch {
            throw .store(error)
        }
    }

    /// Unexpired jobs matching `filter`, newest first.
    public func list(_ filter: JobFilter) async throws(JobError) -> [Job] {
        do {
            return try await store.list(filter, now: .now)
        } catch {
            throw .store(error)
        }
    }

    /// The store's changes from now on.
    func subscribe() -> AsyncStream<JobStoreEvent> { store.subscribe() }

    /// Waits, without polling, until the job reaches a final state.
    /// - Returns: the finished job; the job as it is when the waiting task is cancelled or the store closes;
    ///   `nil` when the id is unknown or expired.
    public func waitUntilFinished(_ id: JobID) async throws(JobError) -> Job? {
        let changes = store.subscribe()
        guard var job = try await job(id) else { return nil }
        if job.state.isFinished { return job }
        for await change in changes {
            guard case .finished(id, _) = change else { continue }
            guard let finished = try await self.job(id) else { return nil }
            job = finished
            break
        }
        return job
    }

    /// The `POST /task` answer for a new job: `{"task_id": "<id>"}`.
    public static func submissionBody(for id: JobID) -> JSONValue {
        .object([("task_id", .string(id.rawValue))])
    }

    private func notFound(_ id: JobID) -> JobError {
        JobError(.notFound, "no job '\(id.rawValue)' (unknown, or its result expired)")
    }
}
