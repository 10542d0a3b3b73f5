extension JobService {
    /// The job as it is now, then again after each change (claimed, progress, finished), without polling; the
    /// stream ends after the final state, or when the consumer stops.
    /// - Returns: `nil` when the id is unknown or expired.
    /// - Throws: `JobError.storeFailure`.
    public func follow(_ id: JobID) async throws(JobError) -> AsyncStream<Job>? {
        let changes = subscribe()
        guard let first = try await job(id) else { return nil }
        return AsyncStream { continuation in
            let task = Task {
                continuation.yield(first)
                if !first.state.isFinished {
                    for await change in changes where Self.change(change, concerns: id) {
                        guard let job = try? await self.job(id) else { break }
                        continuation.yield(job)
                        if job.state.isFinished { break }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func change(_ change: JobStoreEvent, concerns id: JobID) -> Bool {
        switch change {
        case .started(let ids): ids.contains(id)
        case .progressed(let changed), .finished(let changed, _), .terminationRequested(let changed, _): changed == id
        case .submitted, .nodeLost, .heartbeat: false
        }
    }
}
