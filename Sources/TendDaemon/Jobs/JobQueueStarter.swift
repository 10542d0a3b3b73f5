import Logging
import TendConfig
import TendJobs

/// Builds the daemon's job queue from its config: it exists when the config has `[task:x]` sections or names a
/// shared store (a node that only answers status needs no task); an embedded database is not created for a
/// config without tasks.
enum JobQueueStarter {
    /// Whether `configuration` asks for a job queue.
    static func isWanted(by configuration: Configuration) -> Bool {
        !configuration.tasks.isEmpty || configuration.tend.jobStore != .sqlite
    }

    /// The node name: `[tend] node_name`, else `local` for the embedded store and the host name for a shared one.
    static func nodeName(for configuration: Configuration, hostName: String) -> String {
        if let name = configuration.tend.nodeName { return name }
        return configuration.tend.jobStore == .sqlite ? "local" : hostName
    }

    /// Opens the store and makes the queue (which runs once its service group runs it).
    /// - Throws: `DaemonError` when the tasks are inconsistent or the store cannot be opened (another daemon holds
    ///   the database, the server is unreachable); nothing is left open then.
    static func open(
        configuration: Configuration, opener: JobStoreOpener, environment: [String: String], hostName: String,
        logger: Logger, metrics: JobMetrics
    ) async throws(DaemonError) -> JobQueue {
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
        let queue: JobQueue
        do {
            queue = try JobQueue(
                store: opened.store, tasks: configuration.tasks, options: options, logger: logger, metrics: metrics,
                closeStore: opened.close)
        } catch {
            await opened.close()
            throw DaemonError("the [task:x] sections are inconsistent: \(error.message)")
        }
        logger.info("job queue ready: \(queue.taskCount) task(s), node \(node), store \(describe(request))")
        return queue
    }

    private static func describe(_ request: JobStoreRequest) -> String {
        switch request.settings.jobStore {
        case .sqlite: request.sqlitePath
        case .postgres: "PostgreSQL"
        }
    }
}
