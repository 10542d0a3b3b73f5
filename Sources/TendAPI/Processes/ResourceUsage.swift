/// What a running process uses, read from /proc at the moment it is asked for.
public struct ResourceUsage: Sendable, Hashable, Codable {
    /// CPU time (user and system) of the process so far, in seconds.
    public var cpuSeconds: Double
    /// Resident memory in bytes.
    public var rssBytes: Int

    public init(cpuSeconds: Double, rssBytes: Int) {
        self.cpuSeconds = cpuSeconds
        self.rssBytes = rssBytes
    }
}
