import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Stops a process left behind by a daemon that died (a job's process runs in its own session, so it outlived
/// the daemon), so that a requeued job never runs twice at once.
public enum LeftoverProcess {
    /// Kills the process group led by `identity` (when that process still exists with the same start time) and
    /// waits until the leader has exited. Returns at once when it is already gone.
    public static func kill(_ identity: ProcessIdentity) async {
        guard ProcStat.startTime(of: identity.pid) == identity.startTime else { return }
        let pidfd = tend_pidfd_open(identity.pid)
        guard pidfd >= 0 else { return }
        // Recheck through the pidfd's process: the pid cannot be recycled while we hold the pidfd.
        guard ProcStat.startTime(of: identity.pid) == identity.startTime else {
            _ = close(pidfd)
            return
        }
        if ProcStat.processGroup(of: identity.pid) == identity.pid {
            _ = Glibc.kill(-identity.pid, SIGKILL)
        }
        _ = tend_pidfd_send_signal(pidfd, SIGKILL)
        await waitForExit(pidfd: pidfd)
    }

    /// Processes whose environment has the entry `variable` (`TEND_JOB_ID=<id>`): the fallback for a job whose
    /// process was not yet recorded when the daemon died. Reads /proc once; used only during recovery.
    public static func processes(withEnvironment variable: String) -> [ProcessIdentity] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        let needle = Array(variable.utf8)
        var found: [ProcessIdentity] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let pid = Int32(name), pid != getpid(), let environment = readEnvironment(of: pid) else { continue }
            let matches = environment.split(separator: 0).contains { $0.elementsEqual(needle) }
            if matches, let start = ProcStat.startTime(of: pid) {
                found.append(ProcessIdentity(pid: pid, startTime: start))
            }
        }
        return found
    }

    private static func readEnvironment(of pid: Int32) -> [UInt8]? {
        let fd = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }

    /// Waits (without polling) until the pidfd becomes readable, i.e. the process has exited; closes it.
    private static func waitForExit(pidfd: Int32) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Reactor.shared.onceReadable(pidfd) {
                _ = close(pidfd)
                continuation.resume()
            }
        }
    }
}
