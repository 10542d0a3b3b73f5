import TendAPI

extension ProcessStatus {
    /// The struct of supervisord's `getProcessInfo`. Timestamps are capped to 32 bits, as supervisord
    /// caps them (`capped_int`), so that every XML-RPC client can read them.
    var xmlrpcInfo: XMLRPCValue {
        [
            "name": .string(name),
            "group": .string(group),
            "start": .int(Self.capped(start)),
            "stop": .int(Self.capped(stop)),
            "now": .int(Self.capped(now)),
            "state": .int(state.rawValue),
            "statename": .string(state.name),
            "spawnerr": .string(spawnError),
            "exitstatus": .int(Int(exitStatus)),
            "logfile": .string(stdoutLogfile),
            "stdout_logfile": .string(stdoutLogfile),
            "stderr_logfile": .string(stderrLogfile),
            "pid": .int(Int(pid)),
            "description": .string(description),
        ]
    }

    /// `value` clamped to the XML-RPC `<int>` range.
    static func capped(_ value: Int) -> Int {
        min(max(value, Int(Int32.min)), Int(Int32.max))
    }
}
