#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The machine's real-time clock (`CLOCK_REALTIME`), for times that outlive the daemon or cross machines.
public enum WallClock {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public static var millisecondsSinceEpoch: Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (`time(2)`), as supervisord's `start`, `stop` and `now` fields.
    public static var seconds: Int { Int(time(nil)) }
}
