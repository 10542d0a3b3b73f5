import TendJobs

/// The first event of `events` that satisfies `test`, or `nil` when none arrives within `timeout` (or the stream
/// ends first). Subscribe before making the change, so that its event cannot be missed.
public func firstEvent(
    of events: AsyncStream<JobStoreEvent>, within timeout: Duration = .seconds(10),
    where test: @escaping @Sendable (JobStoreEvent) -> Bool
) async -> JobStoreEvent? {
    await withTaskGroup(of: JobStoreEvent?.self) { group in
        group.addTask {
            for await event in events where test(event) { return event }
            return nil
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
