/// The health keys of `[program:x]` (Tend extensions that supervisord ignores): `readiness_probe` and
/// `liveness_probe` with their `_interval`, `_timeout`, `_failure_threshold`, `_success_threshold` and
/// `_initial_delay`, and `ready` (`notify` or `log`) with `ready_log_line`. A probe setting without its probe, and
/// `ready = log` without `ready_log_line`, are errors.
extension ConfigBuilder {
    /// The settings of each probe kind, as `readiness_` or `liveness_` followed by these.
    static let probeSettings = ["interval", "timeout", "failure_threshold", "success_threshold", "initial_delay"]
    /// Every probe key, for the section's known keys.
    static let probeKeys = ["readiness", "liveness"].flatMap { kind in
        ["\(kind)_probe"] + probeSettings.map { "\(kind)_\($0)" }
    }

    mutating func readHealth(_ section: LoadedSection, _ expansion: Expansion, into spec: inout ProgramSpec) {
        spec.readinessProbe = readProbe(section, expansion, kind: "readiness")
        spec.livenessProbe = readProbe(section, expansion, kind: "liveness")
        if let entry = section.entry("ready"), let text = expanded(entry, expansion) {
            let word = text.strippingWhitespace().lowercased()
            if let signal = ReadySignal(rawValue: word) {
                spec.ready = signal
            } else {
                report(.error, at: entry.location, "invalid value '\(text)' for 'ready': one of notify, log")
            }
        }
        if let entry = section.entry("ready_log_line"), let pattern = expanded(entry, expansion) {
            do {
                _ = try Regex(pattern)
                spec.readyLogLine = pattern
            } catch {
                report(
                    .error, at: entry.location, "invalid regular expression '\(pattern)' for 'ready_log_line': \(error)"
                )
            }
        }
        if spec.ready == .log, spec.readyLogLine == nil, section.entry("ready_log_line") == nil {
            report(
                .error, at: section.entry("ready")?.location,
                "'ready = log' needs 'ready_log_line', the pattern of the line that says the program is ready")
        }
    }

    private mutating func readProbe(_ section: LoadedSection, _ expansion: Expansion, kind: String) -> Probe? {
        guard let entry = section.entry("\(kind)_probe") else {
            for setting in Self.probeSettings {
                if let other = section.entry("\(kind)_\(setting)") {
                    report(.error, at: other.location, "'\(kind)_\(setting)' needs '\(kind)_probe'")
                }
            }
            return nil
        }
        guard let text = expanded(entry, expansion) else { return nil }
        var probe: Probe
        do {
            probe = Probe(check: try Probe.parseCheck(text))
        } catch {
            report(.error, at: entry.location, "invalid '\(kind)_probe': \(error.message)")
            return nil
        }
        if let value = value(
            section, "\(kind)_interval", expansion, { ValueParsers.seconds($0, key: "\(kind)_interval") })
        {
            probe.interval = value
        }
        if let value = value(
            section, "\(kind)_timeout", expansion, { ValueParsers.seconds($0, key: "\(kind)_timeout") })
        {
            probe.timeout = value
        }
        if let value = integer(section, "\(kind)_failure_threshold", expansion, minimum: 1) {
            probe.failureThreshold = value
        }
        if let value = integer(section, "\(kind)_success_threshold", expansion, minimum: 1) {
            probe.successThreshold = value
        }
        if let value = value(
            section, "\(kind)_initial_delay", expansion,
            { ValueParsers.nonNegativeSeconds($0, key: "\(kind)_initial_delay") })
        {
            probe.initialDelay = value
        }
        return probe
    }
}
