import TendPlatform

/// Why the runner stopped a job's process.
enum JobStopReason: Sendable, Hashable {
    /// It ran past its task's timeout.
    case timedOut
    /// Someone asked to terminate the job.
    case terminated
    /// The runner is shutting down.
    case shutdown
    /// The job no longer runs under this node's claim (a peer took it over while this node was thought lost):
    /// the process is killed at once, and its outcome is not written.
    case claimLost
}

/// What a job's process reports to its runner, in the order it happened.
enum JobProcessEvent: Sendable {
    /// The latest progress line (a JSON object) since the last report.
    case progress(JobID, [UInt8])
    /// The process exited and its output was read; nothing follows.
    case ended(JobID, JobProcessEnding)
}

/// Everything known about a job's process once it exited.
struct JobProcessEnding: Sendable {
    var status: ExitStatus
    /// stdout, up to the runner's result limit.
    var stdout: [UInt8]
    /// Whether stdout went past the limit (the rest was discarded).
    var stdoutOverflowed: Bool
    /// The end of stderr.
    var stderrTail: [UInt8]
    /// Why the runner stopped it, if it did.
    var stopReason: JobStopReason?
}
