import TendConfig

extension ProcessControl {
    /// True when the process `group:name` has `redirect_stderr`: its stderr goes to its stdout log,
    /// and it has no stderr log of its own.
    func redirectsStderr(group: String, name: String) async -> Bool {
        await configuration.group(named: group)?.programs.first { $0.name == name }?.redirectStderr ?? false
    }
}
