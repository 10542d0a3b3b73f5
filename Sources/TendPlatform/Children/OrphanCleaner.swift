import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Ends processes that a previous daemon started and left behind when it died: SIGTERM to each
/// survivor's process group, a wait on their pidfds (no polling), then SIGKILL to whatever remains.
public enum OrphanCleaner {
    /// Terminates the survivors recorded in `recordsPath` and removes the file.
    /// - Returns: the processes that were found alive and ended.
    @discardableResult
    public static func clean(recordsPath: String, grace: Duration = .seconds(5)) -> [ChildRecords.Entry] {
        let survivors = ChildRecords.survivors(path: recordsPath)
        defer { unlink(recordsPath) }
        guard !survivors.isEmpty else { return [] }
        signal(survivors, SIGTERM)
        waitForExit(survivors, timeout: grace)
        let remaining = survivors.filter { ProcStat.startTime(of: $0.pid) == $0.startTime }
        signal(remaining, SIGKILL)
        waitForExit(remaining, timeout: .seconds(2))
        return survivors
    }

    /// Sends SIGKILL to every recorded survivor and its process group (`tend kill`).
    /// - Returns: the processes that were signalled.
    public static func killAll(recordsPath: String) -> [ChildRecords.Entry] {
        let survivors = ChildRecords.survivors(path: recordsPath)
        signal(survivors, SIGKILL)
        return survivors
    }

    private static func signal(_ entries: [ChildRecords.Entry], _ signal: Int32) {
        for entry in entries {
            // Each child leads its own process group; grandchildren that stayed in it go too.
            if ProcStat.processGroup(of: entry.pid) == entry.pid { kill(-entry.pid, signal) }
            kill(entry.pid, signal)
        }
    }

    /// Waits until every process has exited or `timeout` passes, on pidfds with poll(2).
    static func waitForExit(_ entries: [ChildRecords.Entry], timeout: Duration) {
        var fds: [pollfd] = entries.compactMap { entry in
            let fd = tend_pidfd_open(entry.pid)
            return fd >= 0 ? pollfd(fd: fd, events: Int16(POLLIN), revents: 0) : nil
        }
        defer { for entry in fds where entry.fd >= 0 { close(entry.fd) } }
        let deadline = ContinuousClock.now + timeout
        while fds.contains(where: { $0.events != 0 }) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return }
            let milliseconds = Int32(
                left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&fds, nfds_t(fds.count), max(milliseconds, 1))
            if ready < 0 && errno != EINTR { return }
            for index in fds.indices where fds[index].revents != 0 {
                fds[index].events = 0
                fds[index].revents = 0
            }
        }
    }
}
