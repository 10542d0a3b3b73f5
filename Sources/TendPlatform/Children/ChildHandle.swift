import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A started child: its pid and the pidfd that signals and reaps it without PID-reuse races.
public struct ChildHandle: Sendable, Hashable {
    public let pid: Int32
    /// The pidfd; readable once the child has exited. Closed by `close()`.
    public let pidfd: Int32

    /// Sends `signal` to the child through its pidfd (never to a recycled pid).
    /// - Returns: `false` when the child is already gone.
    @discardableResult
    public func send(signal: Int32) -> Bool {
        tend_pidfd_send_signal(pidfd, signal) == 0
    }

    /// Sends `signal` to the child's whole process group (it leads its own group).
    @discardableResult
    public func sendToGroup(signal: Int32) -> Bool {
        ProcessGroup.signal(pid, signal)
    }

    /// True while some process is still in the child's process group (zombies included).
    public var groupIsAlive: Bool { ProcessGroup.isAlive(pid) }

    /// Reaps the child if it has exited.
    /// - Returns: the exit, or `nil` while it still runs.
    public func reap() -> ExitStatus? {
        var code: Int32 = 0
        var status: Int32 = 0
        guard tend_reap_pidfd(pidfd, &code, &status) == 1 else { return nil }
        return ExitStatus(code: code, status: status)
    }

    /// Closes the pidfd.
    public func close() {
        _ = Glibc.close(pidfd)
    }
}

/// How a child ended: its exit code, or the signal that killed it.
public enum ExitStatus: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public init(code: Int32, status: Int32) {
        if code == CLD_EXITED {
            self = .exited(status)
        } else {
            self = .signaled(status)
        }
    }

    /// The exit code, or -1 after a signal (supervisord's `exitstatus`, so a signal is never an
    /// expected exit).
    public var exitCode: Int32 {
        if case .exited(let code) = self { return code }
        return -1
    }

    /// `exit status 1` or `terminated by SIGKILL`, as supervisord logs it.
    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "terminated by \(SignalNameLookup.describe(signal))"
        }
    }
}
