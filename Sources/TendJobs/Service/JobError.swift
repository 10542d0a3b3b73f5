/// Why the job service refused a request, with a message a user can act on (the HTTP status that goes with
/// each code is the server's). A refused submission queues nothing.
public struct JobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case invalidInput, inputTooLarge, unknownTask, noDefaultTask, notFound, storeFailure
        }

        private let kind: Kind

        /// The request body is not one JSON document.
        public static let invalidInput = Code(kind: .invalidInput)
        /// The request body is larger than the limit.
        public static let inputTooLarge = Code(kind: .inputTooLarge)
        /// The request names a task that is not configured.
        public static let unknownTask = Code(kind: .unknownTask)
        /// The request names no task and none is the default.
        public static let noDefaultTask = Code(kind: .noDefaultTask)
        /// No job has this id, or its result expired.
        public static let notFound = Code(kind: .notFound)
        /// The job store failed.
        public static let storeFailure = Code(kind: .storeFailure)

        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// What went wrong and, where it helps, what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func store(_ error: JobStoreError) -> JobError {
        JobError(.storeFailure, "the job store failed: \(error.message)")
    }
}
