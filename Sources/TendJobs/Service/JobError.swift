/// Why the job service refused a request, with the HTTP status the API answers with and a message a user can
/// act on. A refused submission queues nothing.
public struct JobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case invalidInput, inputTooLarge, unknownTask, noDefaultTask, notFound, storeFailure
        }

        private let kind: Kind

        /// The request body is not one JSON document (400).
        public static let invalidInput = Code(kind: .invalidInput)
        /// The request body is larger than the limit (413).
        public static let inputTooLarge = Code(kind: .inputTooLarge)
        /// The request names a task that is not configured (404).
        public static let unknownTask = Code(kind: .unknownTask)
        /// The request names no task and none is the default (404).
        public static let noDefaultTask = Code(kind: .noDefaultTask)
        /// No job has this id, or its result expired (404).
        public static let notFound = Code(kind: .notFound)
        /// The job store failed (503).
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

    /// The HTTP status code the API answers with.
    public var statusCode: Int {
        switch code {
        case .invalidInput: 400
        case .inputTooLarge: 413
        case .unknownTask, .noDefaultTask, .notFound: 404
        default: 503
        }
    }

    public var description: String { message }

    static func store(_ error: JobStoreError) -> JobError {
        JobError(.storeFailure, "the job store failed: \(error.message)")
    }
}
