/// `[tend]`: Tend's daemon-wide settings, in a section supervisord ignores.
///
/// ```ini
/// [tend]
/// data_directory = /var/lib/tend
/// job_store = postgres://tend@db.internal/tend
/// node_name = worker-1
/// heartbeat = 5
/// ```
public struct TendSettings: Sendable, Hashable, Codable {
    /// The job stores `job_store` may name.
    public enum JobStore: Sendable, Hashable, Codable {
        /// The embedded SQLite database in the data directory (the default).
        case sqlite
        /// A PostgreSQL database shared by several daemons, by its `postgres://` URL.
        case postgres(url: String)
    }

    /// `run_directory`, made absolute; `nil` when not set.
    public var runDirectory: String?
    /// `data_directory`, made absolute: where the job database lives. `nil`: the run directory, else the
    /// pidfile's directory.
    public var dataDirectory: String?
    /// `job_store`: `sqlite` (default) or a `postgres://` URL.
    public var jobStore: JobStore
    /// `node_name`: the name this daemon's job runner claims jobs as; unique among daemons that share a
    /// PostgreSQL store and stable across restarts. `nil`: the host name (PostgreSQL) or `local` (SQLite).
    public var nodeName: String?
    /// `heartbeat`: seconds between this node's heartbeats in a shared store; a node silent for three
    /// heartbeats is lost and its running jobs are handled as after a crash. Default 5.
    public var heartbeat: Double
    /// `scheduler`: whether scheduled programs run (default true). `false` loads them but runs none, as
    /// `tend up --disable-scheduler` (augur's `--disable-housekeeper`).
    public var scheduler: Bool = true
    /// `job_durability`: `normal` (default) — a job accepted survives a crash of the daemon; `full` — it also survives
    /// a crash of the machine (SQLite `synchronous = FULL`: an fsync per commit).
    public var jobDurability: JobDurability = .normal

    public init(
        runDirectory: String? = nil, dataDirectory: String? = nil, jobStore: JobStore = .sqlite,
        nodeName: String? = nil, heartbeat: Double = 5
    ) {
        self.runDirectory = runDirectory
        self.dataDirectory = dataDirectory
        self.jobStore = jobStore
        self.nodeName = nodeName
        self.heartbeat = heartbeat
    }
}
