/// The two probes a program may have.
enum ProbeKind: String, Sendable {
    /// `readiness_probe`: gates `depends_on NAME:healthy`.
    case readiness
    /// `liveness_probe`: failing its threshold restarts the process.
    case liveness
}
