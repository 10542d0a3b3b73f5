import Logging
import TendConfig
import TendJobs
import TendJobsPostgres

/// What the daemon asks of a job store opener: the `[tend]` settings, the node name to run as, and where the
/// embedded SQLite database goes.
public struct JobStoreRequest: Sendable {
    /// `[tend]`: which store (`job_store`), the heartbeat.
    public var settings: TendSettings
    /// The node name this daemon claims jobs as.
    public var node: String
    /// The SQLite database file, for `job_store = sqlite`.
    public var sqlitePath: String
    public var logger: Logger
}

/// An open job store and how to close it once the runner has stopped.
public struct OpenedJobStore: Sendable {
    public var store: any JobStore
    public var close: @Sendable () async -> Void

    public init(store: any JobStore, close: @escaping @Sendable () async -> Void) {
        self.store = store
        self.close = close
    }
}

/// Opens the job store a daemon's config names.
public typealias JobStoreOpener = @Sendable (JobStoreRequest) async throws(JobStoreError) -> OpenedJobStore

/// The job stores `tend up` can open.
public enum JobStores {
    /// The embedded SQLite database in the daemon's data directory, or a PostgreSQL database shared by several
    /// daemons (`[tend] job_store = postgres://…`), where this daemon is node `node_name` with a heartbeat every
    /// `heartbeat` seconds and is taken for lost after three missed heartbeats.
    public static let standard: JobStoreOpener = { request throws(JobStoreError) in
        switch request.settings.jobStore {
        case .sqlite:
            let options = SQLiteJobStore.Options(synchronous: request.settings.jobDurability == .full ? .full : .normal)
            let store = try await SQLiteJobStore.open(path: request.sqlitePath, options: options)
            return OpenedJobStore(store: store) { await store.close() }
        case .postgres(let url):
            let heartbeat = Duration.milliseconds(Int64((request.settings.heartbeat * 1000).rounded()))
            let options = PostgresJobStoreOptions(
                node: request.node, heartbeatInterval: heartbeat, nodeLapse: heartbeat * 3)
            let store = try await PostgresJobStore.open(url: url, options: options, logger: request.logger)
            return OpenedJobStore(store: store) { await store.close() }
        }
    }
}
