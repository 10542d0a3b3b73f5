import TendConfig

/// How `tend up` runs the daemon.
public struct DaemonOptions: Sendable {
    /// Run in the background (the command returns once the daemon is ready).
    public var detach: Bool
    /// Do not end processes left by a previous daemon that died.
    public var skipCleanup: Bool
    /// Do not run scheduled jobs.
    public var disableScheduler: Bool
    /// Internal: this process is the background daemon started by `--detach`; it reports readiness on stdout.
    public var isDetachedChild: Bool
    /// `tend up`'s ncolony options (`--ncolony-config`, `--ncolony-messages`, …), over the config's `[ncolony]`.
    public var ncolony: NcolonyOverrides
    /// Opens the job store `[tend] job_store` names (default: SQLite only).
    public var jobStoreOpener: JobStoreOpener

    public init(
        detach: Bool = false, skipCleanup: Bool = false, disableScheduler: Bool = false, isDetachedChild: Bool = false,
        ncolony: NcolonyOverrides = NcolonyOverrides(), jobStoreOpener: @escaping JobStoreOpener = JobStores.standard
    ) {
        self.ncolony = ncolony
        self.jobStoreOpener = jobStoreOpener
        self.detach = detach
        self.skipCleanup = skipCleanup
        self.disableScheduler = disableScheduler
        self.isDetachedChild = isDetachedChild
    }
}
