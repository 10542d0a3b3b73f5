import Foundation
import JobTestSupport
import TendAPI
import TendConfig
import Testing

@testable import TendJobs

/// A SQLite store, a runner and a service in a temporary directory; `stop()` shuts them down and cleans up.
final class JobsFixture: Sendable {
    let directory: TemporaryDirectory
    let store: SQLiteJobStore
    let runner: JobRunner
    let service: JobService
    private let runTask: Task<Void, Never>

    /// Starts a runner for `tasks` (defaults for the tests: short grace, short ttl unless set).
    init(tasks: [TaskSpec], directory: TemporaryDirectory = TemporaryDirectory(), node: String = "local") async throws {
        self.directory = directory
        store = try await SQLiteJobStore.open(path: directory.file("jobs.sqlite"))
        var options = JobRunnerOptions(node: node, environment: ["PATH": "/usr/bin:/bin", "WORK": directory.path])
        options.maximumResultBytes = 64 * 1024
        runner = JobRunner(store: store, tasks: tasks, options: options, logger: quietLogger)
        service = JobService(store: store, tasks: try TaskCatalog(tasks))
        let runner = runner
        runTask = Task { await runner.run() }
    }

    /// Stops the runner (gracefully), closes the store and removes the directory.
    func stop(keepDirectory: Bool = false) async {
        runTask.cancel()
        await runTask.value
        await store.close()
        if !keepDirectory { directory.cleanUp() }
    }

    func submit(_ task: String? = nil, _ input: String = "{}") async throws -> JobID {
        try await service.submit(task: task, input: Array(input.utf8))
    }

    /// Waits (on store events, no polling) until the job satisfies `test`.
    @discardableResult
    func waitFor(
        _ id: JobID, _ what: String = "condition", timeout: Duration = .seconds(20),
        _ test: @escaping @Sendable (Job) -> Bool
    ) async throws -> Job {
        try await waitForJob(id, in: store, what, timeout: timeout, test)
    }

    /// Waits until the job is in a final state.
    @discardableResult
    func waitUntilFinished(_ id: JobID, timeout: Duration = .seconds(20)) async throws -> Job {
        try await waitFor(id, "finished", timeout: timeout) { $0.state.isFinished }
    }

    func waitUntilRunning(_ id: JobID) async throws {
        try await waitFor(id, "running") { $0.state == .running && $0.process != nil }
    }
}

extension JSONValue {
    /// Parses test text; crashes the test on bad JSON (test input only).
    static func parsing(_ text: String) -> JSONValue { (try? JSONParser.parse(text)) ?? .null }
}
