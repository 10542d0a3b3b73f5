import Logging
import TendConfig
import TendJobs
import TendSupervisor

/// The daemon's job queue: the store its config names, the runner that runs this node's jobs, and the service
/// the HTTP routes call.
///
/// It exists when the config has `[task:x]` sections or names a shared store (a node that only answers status
/// needs no task); an embedded database is not created for a config without tasks.
final class JobSystem: Sendable {
    let service: JobService
    let node: String
    private let runner: JobRunner
    private let opened: OpenedJobStore
    private let runTask: Task<Void, Never>

    private init(service: JobService, node: String, runner: JobRunner, opened: OpenedJobStore) {
        self.service = service
        self.node = node
        self.runner = runner
        self.opened = opened
        runTask = Task { await runner.run() }
    }

    /// Whether `configuration` asks for a job queue.
    static func isWanted(by configuration: Configuration) -> Bool {
        !configuration.tasks.isEmpty || configuration.tend.jobStore != .sqlite
    }

    /// The node name: `[tend] node_name`, else `local` for the embedded store and the host name for a shared one.
    static func nodeName(for configuration: Configuration, hostName: String) -> String {
        if let name = configuration.tend.nodeName { return name }
        return configuration.tend.jobStore == .sqlite ? "local" : hostName
    }

    /// Opens the store and starts the runner: it first recovers the jobs this node had running when it last
    /// stopped, then runs queued jobs.
    /// - Throws: `DaemonError` when the store cannot be opened (another daemon holds the database, the server is
    ///   unreachable); nothing is left running then.
    static func start(
        configuration: Configuration, opener: JobStoreOpener, environment: [String: String], hostName: String,
        logger: Logger
    ) async throws(DaemonError) -> JobSystem {
        let catalog: TaskCatalog
        do {
            catalog = try TaskCatalog(configuration.tasks)
        } catch {
            throw DaemonError("the [task:x] sections are inconsistent: \(error.message)")
        }
        let node = nodeName(for: configuration, hostName: hostName)
        let request = JobStoreRequest(
            settings: configuration.tend, node: node, sqlitePath: DaemonFiles.jobDatabase(for: configuration),
            logger: logger)
        let opened: OpenedJobStore
        do {
            opened = try await opener(request)
        } catch {
            throw DaemonError("couldn't open the job store: \(error.message)")
        }
        var options = JobRunnerOptions(node: node, environment: environment)
        options.processRecordsPath = DaemonFiles.jobRecords(for: configuration)
        let runner = JobRunner(store: opened.store, tasks: configuration.tasks, options: options, logger: logger)
        let service = JobService(store: opened.store, tasks: catalog)
        logger.info("job queue ready: \(catalog.tasks.count) task(s), node \(node), store \(Self.describe(request))")
        return JobSystem(service: service, node: node, runner: runner, opened: opened)
    }

    /// Applies the tasks of a reloaded config; running jobs keep the settings they started with.
    /// - Throws: `DaemonError` when the tasks are inconsistent; nothing changes then.
    func update(tasks: [TaskSpec]) async throws(DaemonError) {
        let catalog: TaskCatalog
        do {
            catalog = try TaskCatalog(tasks)
        } catch {
            throw DaemonError("the [task:x] sections are inconsistent: \(error.message)")
        }
        service.update(tasks: catalog)
        await runner.update(tasks: tasks)
    }

    /// Stops the runner (running jobs get their stop signal and are requeued or marked crashed per their task's
    /// `on_interrupt`), then closes the store.
    func stop() async {
        runTask.cancel()
        await runTask.value
        await opened.close()
    }

    private static func describe(_ request: JobStoreRequest) -> String {
        switch request.settings.jobStore {
        case .sqlite: request.sqlitePath
        case .postgres: "PostgreSQL"
        }
    }
}
