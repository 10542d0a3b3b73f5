import TendAPI
import TendConfig

/// The health of one process's current child as a pure value: probe results, `READY=1` and the ready line go in,
/// readiness and `HealthStatus` come out, and a liveness probe that fails its threshold asks for a restart.
/// Unit-tested without running anything; the supervisor owns one per process and resets it at each spawn.
struct HealthTracker: Sendable, Equatable {
    /// What the owner must do after a probe result.
    enum Outcome: Sendable, Equatable {
        case none
        /// The liveness probe failed `failureThreshold` times in a row: restart the process.
        case restart(reason: String)
    }

    private let readinessProbe: Probe?
    private let livenessProbe: Probe?
    private let ready: ReadySignal?
    private let readyLogLine: String?

    private var readinessSuccesses = 0
    private var readinessFailures = 0
    private var livenessFailures = 0
    /// The readiness probe reached its success threshold and has not failed its failure threshold since.
    private(set) var readinessPassed = false
    private var readinessFailure: String?
    private var livenessFailure: String?
    /// Why the process is unhealthy (the failing probe's output), or `nil`.
    var failure: String? { livenessFailure ?? readinessFailure }
    /// `READY=1` came on the notify socket.
    private(set) var notified = false
    /// A line of output matched `ready_log_line`.
    private(set) var logMatched = false
    /// The last `STATUS=` the process sent.
    private(set) var statusText: String?

    init(spec: ProgramSpec) {
        readinessProbe = spec.readinessProbe
        livenessProbe = spec.livenessProbe
        ready = spec.ready
        readyLogLine = spec.readyLogLine
    }

    /// Whether the process is tracked at all (it has a probe, `ready` or `ready_log_line`).
    var isTracked: Bool { readinessProbe != nil || livenessProbe != nil || ready != nil }

    /// Forgets everything: a new child starts from scratch.
    mutating func reset() {
        readinessSuccesses = 0
        readinessFailures = 0
        livenessFailures = 0
        readinessPassed = false
        readinessFailure = nil
        livenessFailure = nil
        notified = false
        logMatched = false
        statusText = nil
    }

    /// Ready: the readiness probe passed (if there is one), `READY=1` came (`ready = notify`), the line matched
    /// (`ready = log`).
    var isReady: Bool {
        (readinessProbe == nil || readinessPassed) && (ready != .notify || notified) && (ready != .log || logMatched)
            && failure == nil
    }

    /// The health `tend status` shows for a live child, or `nil` for an untracked process.
    var status: HealthStatus? {
        guard isTracked else { return nil }
        if let failure { return HealthStatus(phase: .unhealthy, detail: failure) }
        if isReady { return HealthStatus(phase: .healthy, detail: statusText ?? "") }
        var waits: [String] = []
        if ready == .notify && !notified { waits.append("waiting for READY=1") }
        if ready == .log && !logMatched { waits.append("waiting for a line matching \(readyLogLine ?? "")") }
        if readinessProbe != nil && !readinessPassed { waits.append("readiness probe not passed yet") }
        return HealthStatus(phase: .starting, detail: statusText ?? waits.joined(separator: ", "))
    }

    /// A probe run ended.
    mutating func record(_ result: ProbeResult, of kind: ProbeKind) -> Outcome {
        switch kind {
        case .readiness:
            guard let probe = readinessProbe else { return .none }
            if result.passed {
                readinessFailures = 0
                readinessSuccesses += 1
                if readinessSuccesses >= probe.successThreshold {
                    readinessPassed = true
                    readinessFailure = nil
                }
            } else {
                readinessSuccesses = 0
                readinessFailures += 1
                if readinessFailures >= probe.failureThreshold {
                    readinessPassed = false
                    readinessFailure = "readiness probe failed \(readinessFailures) times: \(result.output)"
                }
            }
            return .none
        case .liveness:
            guard let probe = livenessProbe else { return .none }
            if result.passed {
                livenessFailures = 0
                livenessFailure = nil
                return .none
            }
            livenessFailures += 1
            guard livenessFailures >= probe.failureThreshold else { return .none }
            let reason = "liveness probe failed \(livenessFailures) times: \(result.output)"
            livenessFailure = reason
            return .restart(reason: reason)
        }
    }

    /// A datagram on the notify socket: `READY=1` makes the process ready, `STATUS=…` is shown as its detail.
    /// - Returns: whether anything changed.
    mutating func notify(_ message: String) -> Bool {
        let before = self
        for line in message.split(whereSeparator: \.isNewline) {
            if line == "READY=1" { notified = true }
            if line.hasPrefix("STATUS=") { statusText = String(line.dropFirst("STATUS=".count)) }
        }
        return before != self
    }

    /// A line of output matched `ready_log_line`.
    /// - Returns: whether this is the first match.
    mutating func matchedReadyLine() -> Bool {
        defer { logMatched = true }
        return !logMatched
    }
}
