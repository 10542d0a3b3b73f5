/// How healthy a running process is, by its readiness probe, its liveness probe and its `ready` signal.
public struct HealthStatus: Sendable, Hashable, Codable {
    /// Where the process stands.
    public enum Phase: String, Sendable, Hashable, Codable {
        /// Not ready yet: the readiness probe has not passed, or `READY=1` / the ready line has not come.
        case starting
        /// Ready, and no probe is failing.
        case healthy
        /// A probe failed its threshold.
        case unhealthy
    }

    /// Where the process stands.
    public var phase: Phase
    /// Why, in words: what it still waits for, or the failing probe's output.
    public var detail: String

    public init(phase: Phase, detail: String = "") {
        self.phase = phase
        self.detail = detail
    }

    /// `healthy`, `starting: waiting for READY=1`, `unhealthy: connection refused`, as `tend status` shows it.
    public var description: String { detail.isEmpty ? phase.rawValue : "\(phase.rawValue): \(detail)" }
}
