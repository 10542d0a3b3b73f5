import Foundation
import JobTestSupport
import TendConfig
import TendJobs
import TendJobsPostgres

/// One node of a shared queue in-process: a PostgreSQL store opened as `name` and a `JobRunner` on it.
final class RunnerNode: Sendable {
    let name: String
    let store: PostgresJobStore
    let runner: JobRunner
    let service: JobService
    private let runTask: Task<Void, Never>

    init(
        _ name: String, database: TestDatabase, tasks: [TaskSpec], directory: TemporaryDirectory,
        heartbeat: Duration = .milliseconds(200), lapse: Duration? = nil
    ) async throws {
        self.name = name
        store = try await database.openStore(
            node: name, heartbeat: heartbeat, lapse: lapse ?? max(.seconds(1), heartbeat * 2))
        var options = JobRunnerOptions(node: name, environment: ["PATH": "/usr/bin:/bin", "WORK": directory.path])
        options.maximumResultBytes = 64 * 1024
        let runner = JobRunner(store: store, tasks: tasks, options: options, logger: quietLogger)
        self.runner = runner
        service = JobService(store: store, tasks: try TaskCatalog(tasks))
        runTask = Task { await runner.run() }
    }

    /// Stops the runner gracefully, then closes the store.
    func stop() async {
        runTask.cancel()
        await runTask.value
        await store.close()
    }

    /// Dies as a crashed daemon would, as far as the database sees it: the store stops its heartbeat and its
    /// connections without unregistering, and nothing this node does reaches the database afterwards (its runner
    /// is then stopped, and its attempts to hand jobs back fail).
    func crash() async {
        await store.abandon()
        runTask.cancel()
        await runTask.value
    }

    func submit(_ task: String, _ input: String = "{}") async throws -> JobID {
        try await service.submit(task: task, input: Array(input.utf8))
    }
}
