import TendAPI

/// Which jobs a listing returns: newest first, at most `limit`.
public struct JobFilter: Sendable, Hashable {
    /// Only jobs of this task, when set.
    public var task: String?
    /// Only jobs in these states, when set.
    public var states: Set<JobState>?
    /// Only jobs claimed by this node, when set.
    public var node: String?
    /// At most this many jobs (default 100).
    public var limit: Int

    public init(task: String? = nil, states: Set<JobState>? = nil, node: String? = nil, limit: Int = 100) {
        self.task = task
        self.states = states
        self.node = node
        self.limit = limit
    }
}
