import TendAPI
import TendConfig
import TendPlatform

/// Decides how a job ended from how its process ended: a pure function of the process's exit, output and the
/// reason the runner stopped it (if it did), and the task's settings.
enum JobOutcomeClassifier {
    /// The outcome to record and the exit description (`exit status 3`, `terminated by SIGKILL`).
    ///
    /// - A stop on request is `terminated`, unless the process handled its stop signal cooperatively and exited
    ///   with one of the task's `error_exit_codes`: then it is `failed`, the task's own error (e.g. StableConfigs'
    ///   `Early Termination at count [c] …`), with stderr's last line. A process of a `stop_when_ready` task that
    ///   exits 0 finished before it could stop, and is classified as if no request came. A process that had to be
    ///   killed, or exited any other way, is `terminated`.
    /// - A stop after the timeout is `timedOut`, however the process ended.
    /// - Exit 0 is `completed` when stdout is empty or one JSON document within the limit, else `crashed`.
    /// - An exit code in `error_exit_codes` is `failed` (the task's own error), with stderr's last line.
    /// - Any other exit code, or a signal, is `crashed`.
    static func outcome(of ending: JobProcessEnding, task: TaskSpec, limits: OutputLimits) -> JobOutcome {
        let lastLine = lastLine(of: ending.stderrTail)
        switch ending.stopReason {
        case .terminated?:
            if case .exited(let code) = ending.status, task.errorExitCodes.contains(code) {
                return .failed(message: lastLine ?? "exit status \(code) after the terminate request")
            }
            // A task that stops when ready decides itself: exit 0 means it finished before it could stop.
            if !(task.stopsWhenReady && ending.status == .exited(0)) {
                return .terminated(message: "terminated on request (\(ending.status))")
            }
        case .timedOut?:
            let limit = task.timeout.map { formatSeconds($0) } ?? "its"
            return .timedOut(
                message: "the job ran longer than its timeout of \(limit) and was stopped (\(ending.status))")
        case .shutdown?:
            return .crashed(message: "the daemon stopped while the job ran (\(ending.status))")
        case .claimLost?:
            return .crashed(message: "another node took the job over (\(ending.status))")
        case nil:
            break
        }
        switch ending.status {
        case .exited(0):
            if ending.stdoutOverflowed {
                return .crashed(message: "the job's result is larger than \(limits.resultBytes) bytes")
            }
            if ending.stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return .completed(result: [])
            }
            do {
                _ = try JSONParser.parse(ending.stdout)
                return .completed(result: ending.stdout)
            } catch {
                return .crashed(message: "the job's output is not JSON (\(error))")
            }
        case .exited(let code) where task.errorExitCodes.contains(code):
            return .failed(message: lastLine ?? "exit status \(code)")
        case .exited(let code):
            return .crashed(message: lastLine ?? "exit status \(code)")
        case .signaled:
            let exit = ending.status.description
            return .crashed(message: lastLine.map { "\(exit): \($0)" } ?? exit)
        }
    }

    /// The last non-empty line of a log tail, trimmed, at most 1,000 characters.
    static func lastLine(of tail: [UInt8]) -> String? {
        let text = String(decoding: tail, as: UTF8.self)
        guard
            let line = text.split(whereSeparator: \.isNewline).reversed().first(where: {
                !$0.allSatisfy(\.isWhitespace)
            })
        else { return nil }
        let trimmed = line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return String(String(trimmed).prefix(1000))
    }

    /// `90 s`, `0.5 s`.
    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
