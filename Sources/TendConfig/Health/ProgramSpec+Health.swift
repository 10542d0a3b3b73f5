extension ProgramSpec {
    /// Whether the process has a way to become ready (a readiness probe, `ready = notify` or `ready = log`), which
    /// `depends_on NAME:healthy` needs.
    public var hasReadiness: Bool { readinessProbe != nil || ready != nil }
}
