import TendJobs

/// How a PostgreSQL job store is opened.
public struct PostgresJobStoreOptions: Sendable, Hashable {
    /// This daemon's node name: the name its job runner claims jobs as (`[tend] node_name`). It must be unique
    /// among the daemons sharing the database and stay the same across restarts. Default `local`.
    public var node: String
    /// How often this node writes its heartbeat and looks for lapsed peers. This is the store's one periodic
    /// wake-up, needed because a dead machine sends nothing. Default 5 seconds.
    public var heartbeatInterval: Duration
    /// A peer whose last heartbeat (by the database's clock) is older than this is lost: its running jobs are
    /// handled as after a crash (`JobStoreEvent.nodeLost`). Must exceed `heartbeatInterval`; pick it longer than
    /// any pause a live node may have. Default 15 seconds.
    public var nodeLapse: Duration
    /// Connections the store's pool opens at most (one of them stays on `LISTEN`). Default 8.
    public var maximumConnections: Int
    /// At most this many submissions share one `INSERT` when they arrive together. Default 256.
    public var maximumSubmitBatch: Int

    public init(
        node: String = "local", heartbeatInterval: Duration = .seconds(5), nodeLapse: Duration = .seconds(15),
        maximumConnections: Int = 8, maximumSubmitBatch: Int = 256
    ) {
        self.node = node
        self.heartbeatInterval = heartbeatInterval
        self.nodeLapse = nodeLapse
        self.maximumConnections = maximumConnections
        self.maximumSubmitBatch = maximumSubmitBatch
    }

    /// Checks the settings.
    /// - Throws: `JobStoreError` naming the bad setting.
    func validate() throws(JobStoreError) {
        guard !node.isEmpty else { throw JobStoreError("the node name is empty") }
        guard heartbeatInterval > .zero else { throw JobStoreError("the heartbeat interval must be positive") }
        guard nodeLapse > heartbeatInterval else {
            throw JobStoreError(
                "the node lapse (\(nodeLapse)) must be longer than the heartbeat interval (\(heartbeatInterval))")
        }
        guard maximumConnections >= 2 else {
            throw JobStoreError("the PostgreSQL job store needs at least 2 connections (one listens)")
        }
    }
}
