import TendAPI
import TendClient

/// A request that acts on named processes (start, stop, signal, clear), run as supervisorctl runs it:
/// `all` in one request, else one request per name, each result printed as supervisorctl prints it.
enum ProgramAction {
    case start, stop, clear
    case signal(String)

    /// Runs the action on `names`, printing a line per process and recording the exit status.
    /// - Returns: every result printed.
    /// - Throws: `ClientError` when the daemon cannot be reached or refuses the request.
    @discardableResult
    func run(_ names: [String], on connection: DaemonConnection, status: inout ExitStatus) async throws(ClientError)
        -> [ActionResult]
    {
        let selectors = names.contains("all") ? ["all"] : names
        var printed: [ActionResult] = []
        for selector in selectors {
            let results: [ActionResult]
            do {
                results = try await request(selector, connection)
            } catch {
                // (`catch where` with typed throws hangs Swift 6.3's compiler: test inside the block.)
                guard error.faultCode == SupervisorError.Code.badSignal.rawValue else { throw error }
                let spec = Namespec(selector)
                Console.line(
                    "\(Namespec.make(group: spec.group, process: spec.process ?? spec.group)): ERROR (bad signal name)")
                status.value = ExitStatus.generic
                continue
            }
            let spec = Namespec(selector)
            let group = spec.group
            if selector != "all", spec.process == nil, results.count == 1, results[0].error?.code == .badName {
                Console.line("\(group): ERROR (no such group)")
                status.value = isStart ? ExitStatus.invalidArguments : ExitStatus.generic
                continue
            }
            for result in results {
                Console.line(line(for: result))
                status.record(result.error, ignoring: ignoredFault)
            }
            printed += results
        }
        return printed
    }

    private var isStart: Bool {
        if case .start = self { return true }
        return false
    }

    /// The fault that does not change the exit status (supervisorctl's `ignored_faultcode`).
    private var ignoredFault: SupervisorError.Code? {
        switch self {
        case .start: .alreadyStarted
        case .stop: .notRunning
        case .clear, .signal: nil
        }
    }

    private func request(_ selector: String, _ connection: DaemonConnection) async throws(ClientError) -> [ActionResult]
    {
        let names = APIRequest.Names(names: [selector])
        switch self {
        case .start: return try await connection.post("/api/v1/programs/start", names, as: [ActionResult].self)
        case .stop: return try await connection.post("/api/v1/programs/stop", names, as: [ActionResult].self)
        case .clear: return try await connection.post("/api/v1/programs/clear", names, as: [ActionResult].self)
        case .signal(let signal):
            return try await connection.post(
                "/api/v1/programs/signal", APIRequest.Signal(names: [selector], signal: signal), as: [ActionResult].self
            )
        }
    }

    private func line(for result: ActionResult) -> String {
        switch self {
        case .start: ActionReport.started(result)
        case .stop: ActionReport.signalled(result, success: "stopped")
        case .signal: ActionReport.signalled(result, success: "signalled")
        case .clear: ActionReport.cleared(result)
        }
    }
}
