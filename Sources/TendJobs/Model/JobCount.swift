import TendAPI

/// How many unexpired jobs of one task are in one state (the dashboard's queue table, `tend_jobs_queued`).
public struct JobCount: Sendable, Hashable {
    public var task: String
    public var state: JobState
    public var count: Int

    public init(task: String, state: JobState, count: Int) {
        self.task = task
        self.state = state
        self.count = count
    }
}
