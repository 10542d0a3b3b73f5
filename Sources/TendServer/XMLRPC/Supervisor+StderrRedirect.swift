import TendSupervisor

extension Supervisor {
    /// True when the process `group:name` has `redirect_stderr`: its stderr goes to its stdout log,
    /// and it has no stderr log of its own.
    func redirectsStderr(group: String, name: String) -> Bool {
        configuration.group(named: group)?.programs.first { $0.name == name }?.redirectStderr ?? false
    }
}
