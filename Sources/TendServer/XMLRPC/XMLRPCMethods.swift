import Logging
import TendConfig

/// supervisord's XML-RPC interface: every `supervisor.*` method of supervisord 4.3 and the `system.*`
/// introspection methods, with the same parameters, results, fault codes and fault texts, acting on the
/// daemon's `ProcessControl` and `DaemonControl`.
///
/// The methods live in files by concern (`XMLRPCMethods+Daemon`, `+Processes`, `+Info`, `+Logs`,
/// `+Config`, `+System`); this file holds the table that publishes them.
struct XMLRPCMethods: Sendable {
    /// What `getAPIVersion` answers; supervisorctl refuses to talk to any other.
    static let apiVersion = "3.0"
    /// What `getSupervisorVersion` answers. Tend speaks supervisord 4.3.0's protocol, and reports that
    /// version (not Tend's own) so that `supervisorctl version` and clients that check it are satisfied.
    static let supervisorVersion = "4.3.0"

    let control: any DaemonControl
    /// The configuration last read by `reloadConfig` (supervisord's `process_group_configs`).
    let snapshot: ConfigurationSnapshot
    /// Where failures that happen after the answer (a reload) are reported.
    let logger: Logger

    var supervisor: any ProcessControl { control.supervisor }

    /// The methods acting on `control`; the config file is read through `control.loadConfiguration()`, the same
    /// path as `tend reread`, `update` and `reload` take.
    init(control: any DaemonControl, logger: Logger) {
        self.control = control
        self.snapshot = ConfigurationSnapshot()
        self.logger = logger
    }

    /// Runs the method `name` with `params`, as supervisord's `traverse` does: the name must be
    /// `namespace.method`, with no method starting with `_`.
    /// - Throws: `UNKNOWN_METHOD` for a name that is not published, `INCORRECT_PARAMETERS` for a wrong
    ///   number or type of parameters, `SHUTDOWN_STATE` while the daemon stops, or the method's own fault.
    func call(_ name: String, _ params: [XMLRPCValue], context: XMLRPCCallContext) async throws(XMLRPCFault)
        -> XMLRPCValue
    {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].hasPrefix("_"), let method = Self.table[name] else {
            throw XMLRPCFault(.unknownMethod)
        }
        guard method.arity.contains(params.count) else { throw XMLRPCFault(.incorrectParameters) }
        if method.refusedWhileStopping { try await refuseWhileStopping() }
        return try await run(name, XMLRPCParameters(params), context: context)
    }

    /// supervisord's `_update`: no change while the daemon shuts down or restarts.
    func refuseWhileStopping() async throws(XMLRPCFault) {
        let state = await supervisor.daemonState
        if state == .shutdown || state == .restarting { throw XMLRPCFault(.shutdownState) }
    }

    /// Every published method by name, with its signature. `optional` counts the trailing parameters
    /// that have defaults.
    static let table: [String: XMLRPCMethod] = [
        "supervisor.getAPIVersion": XMLRPCMethod(["string"]),
        "supervisor.getVersion": XMLRPCMethod(["string"]),
        "supervisor.getSupervisorVersion": XMLRPCMethod(["string"]),
        "supervisor.getIdentification": XMLRPCMethod(["string"]),
        "supervisor.getState": XMLRPCMethod(["struct"]),
        "supervisor.getPID": XMLRPCMethod(["int"]),
        "supervisor.readLog": XMLRPCMethod(["string", "int", "int"]),
        "supervisor.readMainLog": XMLRPCMethod(["string", "int", "int"]),
        "supervisor.clearLog": XMLRPCMethod(["boolean"]),
        "supervisor.shutdown": XMLRPCMethod(["boolean"]),
        "supervisor.restart": XMLRPCMethod(["boolean"]),
        "supervisor.reloadConfig": XMLRPCMethod(["array"]),
        "supervisor.addProcessGroup": XMLRPCMethod(["boolean", "string"]),
        "supervisor.removeProcessGroup": XMLRPCMethod(["boolean", "string"]),
        "supervisor.getAllConfigInfo": XMLRPCMethod(["array"]),
        "supervisor.startProcess": XMLRPCMethod(["boolean", "string", "boolean"], optional: 1),
        "supervisor.startProcessGroup": XMLRPCMethod(["array", "string", "boolean"], optional: 1),
        "supervisor.startAllProcesses": XMLRPCMethod(["array", "boolean"], optional: 1),
        "supervisor.stopProcess": XMLRPCMethod(["boolean", "string", "boolean"], optional: 1),
        "supervisor.stopProcessGroup": XMLRPCMethod(["array", "string", "boolean"], optional: 1),
        "supervisor.stopAllProcesses": XMLRPCMethod(["array", "boolean"], optional: 1),
        "supervisor.signalProcess": XMLRPCMethod(["boolean", "string", "string"]),
        "supervisor.signalProcessGroup": XMLRPCMethod(["array", "string", "string"]),
        "supervisor.signalAllProcesses": XMLRPCMethod(["array", "string"]),
        "supervisor.getProcessInfo": XMLRPCMethod(["struct", "string"]),
        "supervisor.getAllProcessInfo": XMLRPCMethod(["array"]),
        "supervisor.sendProcessStdin": XMLRPCMethod(["boolean", "string", "string"]),
        "supervisor.sendRemoteCommEvent": XMLRPCMethod(["boolean", "string", "string"], refusedWhileStopping: false),
        "supervisor.readProcessStdoutLog": XMLRPCMethod(["string", "string", "int", "int"]),
        "supervisor.readProcessLog": XMLRPCMethod(["string", "string", "int", "int"]),
        "supervisor.readProcessStderrLog": XMLRPCMethod(["string", "string", "int", "int"]),
        "supervisor.tailProcessStdoutLog": XMLRPCMethod(["array", "string", "int", "int"]),
        "supervisor.tailProcessLog": XMLRPCMethod(["array", "string", "int", "int"]),
        "supervisor.tailProcessStderrLog": XMLRPCMethod(["array", "string", "int", "int"]),
        "supervisor.clearProcessLogs": XMLRPCMethod(["boolean", "string"]),
        "supervisor.clearProcessLog": XMLRPCMethod(["boolean", "string"]),
        "supervisor.clearAllProcessLogs": XMLRPCMethod(["array"]),
        "system.listMethods": XMLRPCMethod(["array"], refusedWhileStopping: false),
        "system.methodHelp": XMLRPCMethod(["string", "string"], refusedWhileStopping: false),
        "system.methodSignature": XMLRPCMethod(["array", "string"], refusedWhileStopping: false),
        "system.multicall": XMLRPCMethod(["array", "array"], refusedWhileStopping: false),
    ]

    /// Runs a published method whose parameter count was checked.
    private func run(_ name: String, _ params: XMLRPCParameters, context: XMLRPCCallContext) async throws(XMLRPCFault)
        -> XMLRPCValue
    {
        switch name {
        case "supervisor.getAPIVersion", "supervisor.getVersion": return .string(Self.apiVersion)
        case "supervisor.getSupervisorVersion": return .string(Self.supervisorVersion)
        case "supervisor.getIdentification": return await getIdentification()
        case "supervisor.getState": return await getState()
        case "supervisor.getPID": return .int(Int(control.pid))
        case "supervisor.readLog", "supervisor.readMainLog": return try readLog(params)
        case "supervisor.clearLog": return try clearLog()
        case "supervisor.shutdown": return shutdown(context)
        case "supervisor.restart": return try await restart(context)
        case "supervisor.reloadConfig": return try await reloadConfig()
        case "supervisor.addProcessGroup": return try await addProcessGroup(params)
        case "supervisor.removeProcessGroup": return try await removeProcessGroup(params)
        case "supervisor.getAllConfigInfo": return await getAllConfigInfo()
        case "supervisor.startProcess": return try await startProcess(params)
        case "supervisor.startProcessGroup": return try await startProcessGroup(params)
        case "supervisor.startAllProcesses": return await startAllProcesses(params)
        case "supervisor.stopProcess": return try await stopProcess(params)
        case "supervisor.stopProcessGroup": return try await stopProcessGroup(params)
        case "supervisor.stopAllProcesses": return await stopAllProcesses(params)
        case "supervisor.signalProcess": return try await signalProcess(params)
        case "supervisor.signalProcessGroup": return try await signalProcessGroup(params)
        case "supervisor.signalAllProcesses": return try await signalAllProcesses(params)
        case "supervisor.getProcessInfo": return try await getProcessInfo(params)
        case "supervisor.getAllProcessInfo": return await getAllProcessInfo()
        case "supervisor.sendProcessStdin": return try await sendProcessStdin(params)
        case "supervisor.sendRemoteCommEvent": return sendRemoteCommEvent(params)
        case "supervisor.readProcessStdoutLog", "supervisor.readProcessLog":
            return try await readProcessLog(params, stream: .stdout)
        case "supervisor.readProcessStderrLog": return try await readProcessLog(params, stream: .stderr)
        case "supervisor.tailProcessStdoutLog", "supervisor.tailProcessLog":
            return try await tailProcessLog(params, stream: .stdout)
        case "supervisor.tailProcessStderrLog": return try await tailProcessLog(params, stream: .stderr)
        case "supervisor.clearProcessLogs", "supervisor.clearProcessLog": return try await clearProcessLogs(params)
        case "supervisor.clearAllProcessLogs": return await clearAllProcessLogs()
        case "system.listMethods": return Self.listMethods()
        case "system.methodHelp": return try Self.methodHelp(params)
        case "system.methodSignature": return try Self.methodSignature(params)
        case "system.multicall": return try await multicall(params, context: context)
        default: throw XMLRPCFault(.unknownMethod)
        }
    }
}
