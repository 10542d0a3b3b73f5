import TendPlatform

/// How a job runner runs jobs.
public struct JobRunnerOptions: Sendable, Hashable {
    /// This runner's name in the store: the node that claims jobs. Must stay the same across restarts of a
    /// daemon (recovery looks for the jobs this node had running) and be unique among daemons sharing a store.
    /// Default `local`.
    public var node: String
    /// The environment every job starts from (usually the daemon's); the task's `environment`, `TEND_JOB_ID`,
    /// `TEND_TASK_NAME` and `TEND_PROGRESS_FD` are added.
    public var environment: [String: String]
    /// Bytes of stdout accepted as a result; a longer result fails the job. Default 16 MiB.
    public var maximumResultBytes: Int
    /// Bytes at the end of stderr kept for the error message. Default 8 KiB.
    public var logTailBytes: Int
    /// The longest progress line accepted. Default 64 KiB.
    public var maximumProgressLineBytes: Int
    /// The descriptor number at which a job finds its progress pipe (`TEND_PROGRESS_FD`). Default 3.
    public var progressDescriptor: Int32
    /// Where to record the job processes it starts (see `ChildRecords`), so that a later daemon (or `tend kill`)
    /// finds those a crashed daemon left behind, whatever the store says. `nil` keeps no record. Default `nil`.
    public var processRecordsPath: String?

    public init(node: String = "local", environment: [String: String] = [:]) {
        self.node = node
        self.environment = environment
        self.maximumResultBytes = 16 * 1024 * 1024
        self.logTailBytes = 8 * 1024
        self.maximumProgressLineBytes = 64 * 1024
        self.progressDescriptor = 3
        self.processRecordsPath = nil
    }

    var limits: OutputLimits {
        OutputLimits(
            resultBytes: maximumResultBytes, logTailBytes: logTailBytes, progressLineBytes: maximumProgressLineBytes)
    }
}
