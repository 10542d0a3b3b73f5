import ArgumentParser
import TendAPI

/// The exit status a control command ends with, set as supervisorctl 4.3 sets it
/// (`LSBInitExitStatuses` and `LSBStatusExitStatuses`).
struct ExitStatus {
    static let success: Int32 = 0
    /// A failure: bad name, refused request, …
    static let generic: Int32 = 1
    /// A group name that matches nothing (`start`).
    static let invalidArguments: Int32 = 2
    /// A program that could not be started or was found not running (`start`, `stop`, `signal`, `pid`).
    static let notRunning: Int32 = 7
    /// `status`: a shown program is stopped, exited or fatal.
    static let statusNotRunning: Int32 = 3
    /// `status`: a name matched nothing.
    static let statusUnknown: Int32 = 4

    var value: Int32 = 0

    /// supervisorctl's `set_exitstatus_from_xmlrpc_fault`: success and the `ignored` fault leave the
    /// status alone; SPAWN_ERROR, ABNORMAL_TERMINATION and NOT_RUNNING make it 7; any other fault 1.
    mutating func record(_ error: SupervisorError?, ignoring ignored: SupervisorError.Code? = nil) {
        guard let code = error?.code, code != ignored, code != .success else { return }
        switch code {
        case .spawnError, .abnormalTermination, .notRunning: value = Self.notRunning
        default: value = Self.generic
        }
    }

    /// Ends the command with this status (returns normally for 0).
    func finish() throws {
        if value != 0 { throw ExitCode(value) }
    }
}
