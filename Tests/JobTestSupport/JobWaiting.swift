import TendJobs

/// A wait that did not end in time.
public struct TimedOut: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Waits (on `store`'s events, no polling) until the job satisfies `test`; fails after `timeout`.
@discardableResult
public func waitForJob(
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

/// Runs `body` (a wait for some condition), failing with `TimedOut` when it has not returned within `timeout`;
/// `body` is then cancelled.
public func within(
    _ timeout: Duration, waitingFor what: String, _ body: @escaping @Sendable () async -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimedOut(description: "timed out after \(timeout) waiting for \(what)")
        }
        try await group.next()
        group.cancelAll()
    }
}
