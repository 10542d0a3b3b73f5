import TendAPI
import TendPlatform

/// One job as a store holds it: what was asked, where it is, and how it ended.
public struct Job: Sendable, Hashable {
    /// The id returned to the submitter.
    public var id: JobID
    /// The name of its task (`[task:NAME]`).
    public var task: String
    /// Where the job is in its life.
    public var state: JobState
    /// The request's JSON document, given to the command on stdin.
    public var input: [UInt8]
    /// The command's stdout once `completed` (possibly empty), else `nil`.
    public var result: [UInt8]?
    /// The last progress line the command reported (a JSON object), if any.
    public var progress: [UInt8]?
    /// Why the job did not complete (for final states other than `completed`).
    public var message: String?
    /// How the command ended, e.g. `exit status 3` or `terminated by SIGKILL`, when it ran.
    public var exitStatus: String?
    /// The node (job runner) that claimed the job, while and after it runs.
    public var node: String?
    /// How many times the job was started (more than 1 after a requeue).
    public var attempts: Int
    /// Whether termination was asked for while it ran.
    public var terminationRequested: Bool
    /// When the job was accepted.
    public var submittedAt: JobTimestamp
    /// When its current (or last) run was claimed.
    public var startedAt: JobTimestamp?
    /// When it reached its final state.
    public var finishedAt: JobTimestamp?
    /// When its result stops being readable (final states only).
    public var expiresAt: JobTimestamp?
    /// The process running the job, recorded so that recovery after a crash can stop it.
    public var process: JobProcessIdentity?

    /// A queued job with nothing else set.
    public init(id: JobID, task: String, input: [UInt8], submittedAt: JobTimestamp) {
        self.id = id
        self.task = task
        self.state = .queued
        self.input = input
        self.result = nil
        self.progress = nil
        self.message = nil
        self.exitStatus = nil
        self.node = nil
        self.attempts = 0
        self.terminationRequested = false
        self.submittedAt = submittedAt
        self.startedAt = nil
        self.finishedAt = nil
        self.expiresAt = nil
        self.process = nil
    }
}

/// A job's process, identified for good by its pid and start time (`ProcessIdentity`).
public typealias JobProcessIdentity = ProcessIdentity
