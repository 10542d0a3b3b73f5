import Hummingbird
import TendAPI
import TendJobs

/// The HTTP status codes of the job API: the StableConfigs server's for a job's state, and the answers to
/// refused requests.
///
/// | state | code |
/// |---|---|
/// | completed | 200 |
/// | queued, running | 202 |
/// | timed out | 400 |
/// | failed (the task's own error) | 401 |
/// | terminated, crashed | 402 |
enum JobHTTPStatus {
    /// The code `GET /status/<id>` answers for a job in `state`.
    static func of(_ state: JobState) -> HTTPResponse.Status {
        switch state {
        case .completed: .ok
        case .queued, .running: .accepted
        case .timedOut: .badRequest
        case .failed: .unauthorized
        case .terminated, .crashed: HTTPResponse.Status(code: 402)
        }
    }

    /// The code for a refused request: 400 bad input, 413 too large, 404 unknown task or job, 503 store failure.
    static func of(_ error: JobError) -> HTTPResponse.Status {
        switch error.code {
        case .invalidInput: .badRequest
        case .inputTooLarge: .contentTooLarge
        case .unknownTask, .noDefaultTask, .notFound: .notFound
        default: .serviceUnavailable
        }
    }
}
