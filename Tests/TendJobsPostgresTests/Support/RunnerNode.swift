import TendConfig
import Foundation
import Logging
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
        heartbeat: Duration = .milliseconds(200)
    ) async throws {
        self.name = name
        store = try await database.openStore(node: name, heartbeat: heartbeat, lapse: max(.seconds(1), heartbeat * 2))
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

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Waits (on `store`'s events, no polling) until the job satisfies `test`; fails after `timeout`.
@discardableResult
func waitForJob(
    _ id: JobID, in store: any JobStore, _ what: String = "condition", timeout: Duration = .seconds(20),
    _ test: @escaping @Sendable (Job) -> Bool
) async throws -> Job {
    let events = store.subscribe()
    return try await withThrowingTaskGroup(of: Job.self) { group in
        group.addTask {
            if let job = try await store.job(id, now: .now), test(job) { return job }
            for await _ in events {
                if let job = try await store.job(id, now: .now), test(job) { return job }
            }
            throw TimedOut(description: "store closed while waiting for \(what) of \(id)")
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            let job = try? await store.job(id, now: .now)
            throw TimedOut(description: "timed out waiting for \(what) of \(id); job: \(String(describing: job))")
        }
        let job = try await group.next()!
        group.cancelAll()
        return job
    }
}

/// A task running `script` with /bin/sh, with a short grace.
func shellTask(_ name: String, _ script: String, _ configure: (inout TaskSpec) -> Void = { _ in }) -> TaskSpec {
    var spec = TaskSpec(name: name, command: "/bin/sh -c '\(script)'", arguments: ["/bin/sh", "-c", script])
    spec.grace = 1
    configure(&spec)
    return spec
}

extension Job {
    /// The result as text.
    var resultText: String { String(decoding: result ?? [], as: UTF8.self) }
}
