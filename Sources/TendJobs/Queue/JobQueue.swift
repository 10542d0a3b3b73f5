import Logging
import ServiceLifecycle
import TendConfig

/// A node's job queue as one of the daemon's services: the runner that runs this node's jobs, and the service
/// the HTTP routes call, over one open store.
///
/// `run()` first recovers the jobs this node had running when it last stopped, then runs queued jobs. On the
/// service group's graceful shutdown (or cancellation) running jobs get their stop signal and are requeued or
/// marked crashed per their task's `on_interrupt`; then the store is closed and `run()` returns.
public final class JobQueue: Service, Sendable {
    /// What the HTTP routes call: submit, status, terminate, list.
    public let service: JobService
    /// The node name this queue claims jobs as.
    public let node: String
    private let runner: JobRunner
    private let closeStore: @Sendable () async -> Void

    /// A queue over `store` for `tasks`; nothing runs until `run()`.
    /// - Parameter closeStore: closes the store once the runner has stopped.
    /// - Throws: `TaskSpecError` when the tasks are inconsistent (a name twice, two defaults).
    public init(
        store: any JobStore, tasks: [TaskSpec], options: JobRunnerOptions, logger: Logger,
        metrics: JobMetrics = JobMetrics(), closeStore: @escaping @Sendable () async -> Void
    ) throws(TaskSpecError) {
        let catalog = try TaskCatalog(tasks)
        service = JobService(store: store, tasks: catalog, metrics: metrics)
        node = options.node
        runner = JobRunner(store: store, tasks: tasks, options: options, logger: logger, metrics: metrics)
        self.closeStore = closeStore
    }

    /// The number of tasks the queue knows.
    public var taskCount: Int { service.tasks.tasks.count }

    /// Runs the runner until graceful shutdown or cancellation, then closes the store.
    public func run() async {
        let runner = runner
        await cancelWhenGracefulShutdown { await runner.run() }
        await closeStore()
    }

    /// Applies the tasks of a reloaded config; running jobs keep the settings they started with.
    /// - Throws: `TaskSpecError` when the tasks are inconsistent; nothing changes then.
    public func update(tasks: [TaskSpec]) async throws(TaskSpecError) {
        let catalog = try TaskCatalog(tasks)
        service.update(tasks: catalog)
        await runner.update(tasks: tasks)
    }
}
