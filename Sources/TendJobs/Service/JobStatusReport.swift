import TendAPI

/// A job's status as `GET /status/<id>` answers it: its state and the JSON body. The HTTP status code that goes
/// with the state is the server's (TendServer's `JobHTTPStatus`).
///
/// | state | body |
/// |---|---|
/// | completed | `{"status": "COMPLETE", …the result's fields}` (a result that is not an object is under `result`) |
/// | queued, running | `{"status": "Progress", …the last progress line's fields}` |
/// | timed out | `{"status": "TimedOut", "message": …}` |
/// | failed (the task's error) | `{"status": <error_name>, "message": …}` |
/// | terminated, crashed | `{"status": "Exception", "message": …}` |
public struct JobStatusReport: Sendable, Hashable {
    /// The job's state.
    public var state: JobState
    /// The JSON body.
    public var body: JSONValue

    public init(state: JobState, body: JSONValue) {
        self.state = state
        self.body = body
    }

    /// The report for `job`; `errorName` is its task's `error_name`.
    public init(job: Job, errorName: String) {
        state = job.state
        switch job.state {
        case .completed:
            body = Self.merging(status: "COMPLETE", with: job.result, wrapKey: "result")
        case .queued, .running:
            body = Self.merging(status: "Progress", with: job.progress, wrapKey: "progress")
        case .timedOut:
            body = Self.failure("TimedOut", job.message ?? "the job timed out")
        case .failed:
            body = Self.failure(errorName, job.message ?? "the task failed")
        case .terminated:
            body = Self.failure("Exception", job.message ?? "the job was terminated")
        case .crashed:
            body = Self.failure("Exception", job.message ?? "the job failed")
        }
    }

    /// The body as UTF-8 JSON text.
    public var bodyBytes: [UInt8] { body.serialized }

    private static func failure(_ status: String, _ message: String) -> JSONValue {
        .object([("status", .string(status)), ("message", .string(message))])
    }

    /// `{"status": status}` followed by the members of `document` (its own `status` member is dropped); a
    /// document that is not an object goes under `wrapKey`.
    private static func merging(status: String, with document: [UInt8]?, wrapKey: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("status", .string(status))]
        guard let document, !document.isEmpty, let value = try? JSONParser.parse(document) else {
            return .object(members)
        }
        if case .object(let fields) = value {
            members += fields.filter { $0.key != "status" }
        } else {
            members.append((wrapKey, value))
        }
        return .object(members)
    }
}
