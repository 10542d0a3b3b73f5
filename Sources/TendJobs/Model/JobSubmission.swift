/// A job to queue: its id (made by the caller, so a retried request can be recognised), task and input.
public struct JobSubmission: Sendable, Hashable {
    public var id: JobID
    public var task: String
    /// The request's JSON document.
    public var input: [UInt8]
    public var submittedAt: JobTimestamp

    public init(id: JobID = .make(), task: String, input: [UInt8], submittedAt: JobTimestamp = .now) {
        self.id = id
        self.task = task
        self.input = input
        self.submittedAt = submittedAt
    }
}
