/// How much of a job's output the runner keeps.
struct OutputLimits: Sendable, Hashable {
    /// Bytes of stdout kept as the result; a longer result fails the job.
    var resultBytes: Int
    /// Bytes at the end of stderr kept for the error message.
    var logTailBytes: Int
    /// The longest progress line accepted; longer lines are dropped.
    var progressLineBytes: Int
}
