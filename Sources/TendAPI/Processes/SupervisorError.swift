/// A refused or failed control request, with supervisord's fault code.
public struct SupervisorError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// What went wrong; the raw value is supervisord's XML-RPC fault code.
    public enum Code: Int, Sendable, Hashable, Codable {
        case unknownMethod = 1
        case incorrectParameters = 2
        case badArguments = 3
        case signatureUnsupported = 4
        case shutdownState = 6
        case badName = 10
        case badSignal = 11
        case noFile = 20
        case notExecutable = 21
        case failed = 30
        case abnormalTermination = 40
        case spawnError = 50
        case alreadyStarted = 60
        case notRunning = 70
        case success = 80
        case alreadyAdded = 90
        case stillRunning = 91
        case cantReread = 92

        /// supervisord's fault name, e.g. `BAD_NAME`.
        public var faultName: String {
            switch self {
            case .unknownMethod: "UNKNOWN_METHOD"
            case .incorrectParameters: "INCORRECT_PARAMETERS"
            case .badArguments: "BAD_ARGUMENTS"
            case .signatureUnsupported: "SIGNATURE_UNSUPPORTED"
            case .shutdownState: "SHUTDOWN_STATE"
            case .badName: "BAD_NAME"
            case .badSignal: "BAD_SIGNAL"
            case .noFile: "NO_FILE"
            case .notExecutable: "NOT_EXECUTABLE"
            case .failed: "FAILED"
            case .abnormalTermination: "ABNORMAL_TERMINATION"
            case .spawnError: "SPAWN_ERROR"
            case .alreadyStarted: "ALREADY_STARTED"
            case .notRunning: "NOT_RUNNING"
            case .success: "SUCCESS"
            case .alreadyAdded: "ALREADY_ADDED"
            case .stillRunning: "STILL_RUNNING"
            case .cantReread: "CANT_REREAD"
            }
        }
    }

    /// The fault.
    public var code: Code
    /// The detail supervisord puts after the fault name (often the process name), or "".
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// `BAD_NAME: web`, as supervisord's fault strings read.
    public var description: String { detail.isEmpty ? code.faultName : "\(code.faultName): \(detail)" }
}
