import TendAPI
import TendConfig

extension XMLRPCMethods {
    /// `supervisor.startProcess(name, wait=True)`: `true` once the process runs (with `wait`, after
    /// `startsecs`), else a fault: `BAD_NAME`, `NO_FILE`, `NOT_EXECUTABLE`, `ALREADY_STARTED`,
    /// `SPAWN_ERROR`, `ABNORMAL_TERMINATION`. `group:*` starts the group (an array, as
    /// `startProcessGroup`).
    func startProcess(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let wait = params.flag(1, default: true)
        let process = try await resolve(name)
        guard let process else { return try await startGroup(Namespec(name).group, wait: wait) }
        let results = await supervisor.start([Self.qualified(process)], wait: wait)
        if let error = results.first(where: { $0.error != nil })?.error {
            throw XMLRPCFault.forProcess(error, group: process.group, name: process.name, calledAs: name)
        }
        // Without `wait`, a spawn that failed at once is still reported, as supervisord does.
        if !wait, let now = try? await supervisor.statuses([Self.qualified(process)]).first, !now.spawnError.isEmpty,
            now.state == .backoff || now.state == .fatal
        {
            throw XMLRPCFault(.spawnError, name)
        }
        return true
    }

    /// `supervisor.startProcessGroup(name, wait=True)`: starts the group's processes that are not running.
    func startProcessGroup(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        try await startGroup(try params.string(0), wait: params.flag(1, default: true))
    }

    /// `supervisor.startAllProcesses(wait=True)`: starts every process that is not running, by priority.
    func startAllProcesses(_ params: XMLRPCParameters) async -> XMLRPCValue {
        await ordered("all") { await supervisor.start(["all"], wait: params.flag(0, default: true)) }
    }

    private func startGroup(_ group: String, wait: Bool) async throws(XMLRPCFault) -> XMLRPCValue {
        try await requireGroup(group)
        return await ordered("\(group):*") { await supervisor.start(["\(group):*"], wait: wait) }
    }

    /// `supervisor.stopProcess(name, wait=True)`: `true` once the process is stopped, or `BAD_NAME`,
    /// `NOT_RUNNING`. `group:*` stops the group (an array, as `stopProcessGroup`).
    func stopProcess(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let wait = params.flag(1, default: true)
        let process = try await resolve(name)
        guard let process else { return try await stopGroup(Namespec(name).group, wait: wait) }
        let results = await supervisor.stop([Self.qualified(process)], wait: wait)
        if let error = results.first(where: { $0.error != nil })?.error {
            throw XMLRPCFault.forProcess(error, group: process.group, name: process.name, calledAs: name)
        }
        return true
    }

    /// `supervisor.stopProcessGroup(name, wait=True)`: stops the group's running processes.
    func stopProcessGroup(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        try await stopGroup(try params.string(0), wait: params.flag(1, default: true))
    }

    /// `supervisor.stopAllProcesses(wait=True)`: stops every running process.
    func stopAllProcesses(_ params: XMLRPCParameters) async -> XMLRPCValue {
        await ordered("all") { await supervisor.stop(["all"], wait: params.flag(0, default: true)) }
    }

    private func stopGroup(_ group: String, wait: Bool) async throws(XMLRPCFault) -> XMLRPCValue {
        try await requireGroup(group)
        return await ordered("\(group):*") { await supervisor.stop(["\(group):*"], wait: wait) }
    }

    /// The results of `action` on `selector`, in the processes' priority order, which is the order
    /// supervisord goes through them (the supervisor reports refusals first, and stops in reverse).
    private func ordered(_ selector: String, _ action: () async -> [ActionResult]) async -> XMLRPCValue {
        let statuses = (try? await supervisor.statuses([selector])) ?? []
        let rank = Dictionary(
            statuses.enumerated().map { (Self.qualified($1), $0) }, uniquingKeysWith: { first, _ in first })
        let results = await action().enumerated().sorted { left, right in
            (rank[Namespec.qualified(group: left.element.group, process: left.element.name)] ?? Int.max, left.offset)
                < (
                    rank[Namespec.qualified(group: right.element.group, process: right.element.name)] ?? Int.max,
                    right.offset
                )
        }
        return .array(results.map(\.element.xmlrpcStruct))
    }

    /// `supervisor.signalProcess(name, signal)`: sends a signal (a name such as `HUP` or a number) to a
    /// process that is RUNNING, STARTING or STOPPING. `group:*` signals the group (an array).
    /// - Throws: `BAD_NAME`, `BAD_SIGNAL`, `NOT_RUNNING`, `FAILED`.
    func signalProcess(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        let signalText = try params.signal(1)
        let process = try await resolve(name)
        guard let process else { return try await signal(signalText, group: Namespec(name).group) }
        guard let signal = SignalName(parsing: signalText) else { throw XMLRPCFault(.badSignal, signalText) }
        let results = await supervisor.signal(signal, [Self.qualified(process)])
        if let error = results.first(where: { $0.error != nil })?.error {
            throw XMLRPCFault.forProcess(error, group: process.group, name: process.name, calledAs: name)
        }
        return true
    }

    /// `supervisor.signalProcessGroup(name, signal)`: signals the group's signallable processes.
    func signalProcessGroup(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        return try await signal(try params.signal(1), group: name)
    }

    /// `supervisor.signalAllProcesses(signal)`: signals every signallable process.
    func signalAllProcesses(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        await signal(try params.signal(0), selector: "all")
    }

    private func signal(_ signalText: String, group: String) async throws(XMLRPCFault) -> XMLRPCValue {
        try await requireGroup(group)
        return await signal(signalText, selector: "\(group):*")
    }

    /// Signals the RUNNING, STARTING and STOPPING processes of `selector`; others are left out of the
    /// results, as supervisord leaves them. A bad signal is reported for each of them.
    private func signal(_ signalText: String, selector: String) async -> XMLRPCValue {
        let targets = ((try? await supervisor.statuses([selector])) ?? []).filter {
            $0.state == .running || $0.state == .starting || $0.state == .stopping
        }
        guard !targets.isEmpty else { return [] }
        guard let signal = SignalName(parsing: signalText) else {
            let error = SupervisorError(.badSignal, signalText)
            return .array(targets.map { ActionResult(name: $0.name, group: $0.group, error: error).xmlrpcStruct })
        }
        let results = await supervisor.signal(signal, targets.map(Self.qualified))
        return .array(results.map(\.xmlrpcStruct))
    }

    /// The process `name` names: its status, or `nil` when `name` names a whole group (`group:*`).
    /// - Throws: `BAD_NAME: name` when the group or the process is unknown.
    func resolve(_ name: String) async throws(XMLRPCFault) -> ProcessStatus? {
        let spec = Namespec(name)
        guard spec.process != nil else {
            try await requireGroup(spec.group)
            return nil
        }
        // Always qualified: a bare `all` would mean every process to the supervisor.
        guard let status = try? await supervisor.statuses([Self.qualified(spec)]).first else {
            throw XMLRPCFault(.badName, name)
        }
        return status
    }

    /// The status of the one process `name` names.
    /// - Throws: `BAD_NAME: name` for an unknown process or a whole group.
    func process(_ name: String) async throws(XMLRPCFault) -> ProcessStatus {
        guard Namespec(name).process != nil, let status = try await resolve(name) else {
            throw XMLRPCFault(.badName, name)
        }
        return status
    }

    /// - Throws: `BAD_NAME: group` when no such group is managed.
    func requireGroup(_ group: String) async throws(XMLRPCFault) {
        guard !group.contains(":") else { throw XMLRPCFault(.badName, group) }
        let members = try? await supervisor.statuses(["\(group):*"])
        if members == nil { throw XMLRPCFault(.badName, group) }
    }

    /// `group:name` for a namespec that names one process.
    static func qualified(_ spec: Namespec) -> String {
        spec.description
    }

    /// `group:name` of a process.
    static func qualified(_ status: ProcessStatus) -> String {
        Namespec.qualified(group: status.group, process: status.name)
    }
}
