#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A process group, named by its leader's pid: what `stopasgroup`/`killasgroup` signal, and what is still
/// there after the leader itself has exited.
public enum ProcessGroup {
    /// Sends `signal` to every process of the group that `leader` leads.
    /// - Returns: `false` when no process is left in the group (or it may not be signalled).
    @discardableResult
    public static func signal(_ leader: Int32, _ signal: Int32) -> Bool {
        guard leader > 0 else { return false }
        return kill(-leader, signal) == 0
    }

    /// True while some process is still in the group that `leader` leads (zombies included).
    public static func isAlive(_ leader: Int32) -> Bool {
        leader > 0 && (kill(-leader, 0) == 0 || errno == EPERM)
    }
}
