import TendAPI

/// How a job that was claimed ended: the final state with what goes with it.
public enum JobOutcome: Sendable, Hashable {
    /// Exit 0; `result` is the JSON document the command wrote to stdout (empty when it wrote nothing).
    case completed(result: [UInt8])
    /// The task's own error (an exit code in `error_exit_codes`); `message` is the last line of stderr.
    case failed(message: String)
    /// Stopped after its timeout.
    case timedOut(message: String)
    /// Stopped on request.
    case terminated(message: String)
    /// Any other failure.
    case crashed(message: String)

    /// The final state this outcome puts the job in.
    public var state: JobState {
        switch self {
        case .completed: .completed
        case .failed: .failed
        case .timedOut: .timedOut
        case .terminated: .terminated
        case .crashed: .crashed
        }
    }

    /// The failure message, or `nil` for `completed`.
    public var message: String? {
        switch self {
        case .completed: nil
        case .failed(let message), .timedOut(let message), .terminated(let message), .crashed(let message): message
        }
    }

    /// The result document, or `nil` unless `completed`.
    public var result: [UInt8]? {
        if case .completed(let result) = self { return result }
        return nil
    }
}
