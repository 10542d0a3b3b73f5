/// A process identified for good: its pid and its start time (clock ticks since boot, `ProcStat.startTime`),
/// so that a recycled pid is never mistaken for it.
public struct ProcessIdentity: Sendable, Hashable, Codable {
    public var pid: Int32
    public var startTime: UInt64

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// The identity of the live process `pid`, or `nil` when it is gone.
    public static func of(_ pid: Int32) -> ProcessIdentity? {
        ProcStat.startTime(of: pid).map { ProcessIdentity(pid: pid, startTime: $0) }
    }
}
