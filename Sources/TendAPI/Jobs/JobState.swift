/// Where a job is in its life.
///
/// `queued` and `running` are live; every other state is final and lasts until the result expires.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Accepted and waiting for a free slot of its task.
    case queued
    /// Its command runs on some node.
    case running
    /// The command exited 0; its stdout is the result.
    case completed
    /// The command exited with one of its task's `error_exit_codes`: the task's own error.
    case failed
    /// The command ran past its task's `timeout` and was stopped.
    case timedOut = "timed_out"
    /// Stopped (or never started) because someone asked to terminate it.
    case terminated
    /// Any other end: another exit code, a signal, an unusable result, a failed start, or the daemon
    /// stopping under it.
    case crashed

    /// Whether the job has ended (its result is readable until it expires).
    public var isFinished: Bool { self != .queued && self != .running }

    public var description: String { rawValue }
}
