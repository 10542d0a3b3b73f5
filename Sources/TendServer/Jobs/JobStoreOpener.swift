import Logging
import TendConfig
import TendJobs

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

/// Opens the job store a daemon's config names. The executable supplies one that also knows PostgreSQL (kept
/// out of this module, whose users need not build postgres-nio); `embedded` knows SQLite only.
public typealias JobStoreOpener = @Sendable (JobStoreRequest) async throws(JobStoreError) -> OpenedJobStore

/// The openers built into TendServer.
public enum JobStores {
    /// SQLite in the daemon's data directory; `job_store = postgres://…` is refused with a message.
    public static let embedded: JobStoreOpener = { request throws(JobStoreError) in
        switch request.settings.jobStore {
        case .sqlite:
            let store = try await SQLiteJobStore.open(path: request.sqlitePath, logger: request.logger)
            return OpenedJobStore(store: store) { await store.close() }
        case .postgres:
            throw JobStoreError("this build of Tend has no PostgreSQL job store; use job_store = sqlite")
        }
    }
}
