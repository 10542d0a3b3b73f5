import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Waits for a process of this machine to exit, on a pidfd: no polling, and no confusion with a later
/// process that reuses the pid, since the pidfd is opened before the process is asked to stop.
public final class ProcessWatcher {
    /// The watched process.
    public let pid: Int32
    private let descriptor: Int32

    /// Opens a pidfd for `pid` (a process that is already gone needs no waiting).
    public init(pid: Int32) {
        self.pid = pid
        descriptor = tend_pidfd_open(pid)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Waits until the process has exited, or `timeout` passes.
    /// - Returns: true once it has exited, false on timeout.
    public func waitForExit(timeout: Duration?) -> Bool {
        guard descriptor >= 0 else { return true }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            var milliseconds: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return false }
                milliseconds = Int32(
                    clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            }
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }
        }
    }

    /// Sends SIGKILL to `pid`.
    /// - Returns: false when there is no such process.
    @discardableResult
    public static func sendKill(to pid: Int32) -> Bool {
        kill(pid, SIGKILL) == 0
    }
}
