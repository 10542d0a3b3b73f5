import TendAPI
import TendClient

/// supervisorctl's lines for the results of start, stop, signal and clear (`_startresult`,
/// `_signalresult`, `_clearresult`).
enum ActionReport {
    /// `web: started`, `web: ERROR (already started)`, …
    static func started(_ result: ActionResult) -> String {
        let name = result.displayName
        guard let error = result.error, error.code != .success else { return "\(name): started" }
        switch error.code {
        case .badName: return "\(name): ERROR (no such process)"
        case .noFile: return "\(name): ERROR (no such file)"
        case .notExecutable: return "\(name): ERROR (file is not executable)"
        case .alreadyStarted: return "\(name): ERROR (already started)"
        case .spawnError: return "\(name): ERROR (spawn error)"
        case .abnormalTermination: return "\(name): ERROR (abnormal termination)"
        default: return "\(name): ERROR (\(error))"
        }
    }

    /// `web: stopped` (or `signalled`), `web: ERROR (not running)`, …
    static func signalled(_ result: ActionResult, success: String) -> String {
        let name = result.displayName
        guard let error = result.error, error.code != .success else { return "\(name): \(success)" }
        switch error.code {
        case .badName: return "\(name): ERROR (no such process)"
        case .badSignal: return "\(name): ERROR (bad signal name)"
        case .notRunning: return "\(name): ERROR (not running)"
        case .failed: return error.description
        default: return "\(name): ERROR (\(error))"
        }
    }

    /// `web: cleared`, `web: ERROR (no such process)`, …
    static func cleared(_ result: ActionResult) -> String {
        let name = result.displayName
        guard let error = result.error, error.code != .success else { return "\(name): cleared" }
        switch error.code {
        case .badName: return "\(name): ERROR (no such process)"
        case .failed: return "\(name): ERROR (failed)"
        default: return "\(name): ERROR (\(error))"
        }
    }
}
