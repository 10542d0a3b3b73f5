import TendAPI
import TendConfig

extension Supervisor {
    /// The end of a process's log from `offset`, at most `length` bytes (supervisord's `tailProcessLog`).
    /// - Throws: `BAD_NAME` for an unknown process.
    public func tail(_ name: String, stream: OutputStream, offset: Int, length: Int) throws(SupervisorError) -> LogChunk
    {
        try single(name).output(stream).tail(offset: offset, length: length)
    }

    /// Every byte the process writes to `stream` from now on (`tail -f`).
    /// - Throws: `BAD_NAME` for an unknown process.
    public func follow(_ name: String, stream: OutputStream) throws(SupervisorError) -> AsyncStream<[UInt8]> {
        try single(name).output(stream).follow()
    }

    /// The log file path of a stream, or `nil` for NONE.
    public func logPath(_ name: String, stream: OutputStream) throws(SupervisorError) -> String? {
        try single(name).output(stream).path
    }

    /// Empties the logs of the named processes (`clear`).
    public func clearLogs(_ selectors: [String]) -> [ActionResult] {
        var results: [ActionResult] = []
        for selector in selectors {
            do {
                for process in try resolve(selector) {
                    process.stdout.clear()
                    process.stderr.clear()
                    results.append(ActionResult(name: process.spec.name, group: process.spec.groupName))
                }
            } catch {
                results.append(ActionResult(name: selector, group: selector, error: error))
            }
        }
        return results
    }

    /// Reopens every log file (after logrotate moved them).
    public func reopenLogs() {
        for process in table.all {
            process.stdout.reopen()
            process.stderr.reopen()
        }
    }

    func single(_ name: String) throws(SupervisorError) -> ManagedProcess {
        let targets = try resolve(name)
        guard targets.count == 1, let process = targets.first else { throw SupervisorError(.badName, name) }
        return process
    }
}
