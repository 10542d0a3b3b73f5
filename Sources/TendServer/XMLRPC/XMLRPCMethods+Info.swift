import TendAPI

extension XMLRPCMethods {
    /// `supervisor.getProcessInfo(name)`: the process's struct (see `ProcessStatus.xmlrpcInfo`).
    /// - Throws: `BAD_NAME` for an unknown process or a whole group.
    func getProcessInfo(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        try await process(try params.string(0)).xmlrpcInfo
    }

    /// `supervisor.getAllProcessInfo`: every process's struct, groups and processes in name order.
    func getAllProcessInfo() async -> XMLRPCValue {
        let statuses = (try? await supervisor.statuses([])) ?? []
        let sorted = statuses.sorted { ($0.group, $0.name) < ($1.group, $1.name) }
        return .array(sorted.map(\.xmlrpcInfo))
    }

    /// `supervisor.sendProcessStdin(name, chars)`: writes `chars` (as UTF-8) to the process's stdin.
    /// - Throws: `INCORRECT_PARAMETERS` when `chars` is not a string, `BAD_NAME`, `NOT_RUNNING`, and
    ///   `NO_FILE` when the process's stdin is closed.
    func sendProcessStdin(_ params: XMLRPCParameters) async throws(XMLRPCFault) -> XMLRPCValue {
        let name = try params.string(0)
        guard let chars = params.values[1].stringValue else {
            throw XMLRPCFault(.incorrectParameters, params.values[1].pythonDescription)
        }
        let status = try await process(name)
        do {
            try await supervisor.sendStdin(Self.qualified(status), chars)
        } catch {
            throw XMLRPCFault.forProcess(error, group: status.group, name: status.name, calledAs: name)
        }
        return true
    }

    /// `supervisor.sendRemoteCommEvent(type, data)`: accepted and answered `true`, whatever the types
    /// of its parameters, as supervisord does.
    /// TODO: publish a REMOTE_COMMUNICATION event once the supervisor's event bus takes events from outside.
    func sendRemoteCommEvent(_ params: XMLRPCParameters) -> XMLRPCValue {
        true
    }
}
