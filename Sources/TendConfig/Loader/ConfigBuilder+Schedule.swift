/// The scheduler's keys of `[program:x]` (Tend extensions that supervisord ignores).
///
/// `schedule` makes a scheduled program: `every 10s` or a cron expression; `schedule_timezone` (a cron
/// schedule's zone, default the machine's), `timeout` (seconds before `stopsignal`), `grace` (seconds from then
/// to SIGKILL; it becomes the program's `stopwaitsecs`), `overlap` (`skip`, `queue`, `allow`), `jitter` (seconds)
/// and `misfire` (`skip`, `run_once`) need it, and `grace` needs `timeout`. See `ProgramSpec.schedule(_:grace:)`
/// for how a scheduled program runs.
extension ConfigBuilder {
    static let scheduleKeys = ["schedule_timezone", "timeout", "grace", "overlap", "jitter", "misfire"]

    mutating func readSchedule(_ section: LoadedSection, _ expansion: Expansion, into spec: inout ProgramSpec) {
        guard let entry = section.entry("schedule") else {
            for key in Self.scheduleKeys {
                if let other = section.entry(key) {
                    report(.error, at: other.location, "'\(key)' needs 'schedule': only a scheduled program has it")
                }
            }
            return
        }
        guard let text = expanded(entry, expansion) else { return }
        let schedule: Schedule
        do {
            schedule = try Schedule.parse(text)
        } catch {
            report(.error, at: entry.location, "invalid 'schedule': \(error.message)")
            return
        }
        var settings = ScheduleSettings(schedule: schedule)
        if let zone = section.entry("schedule_timezone"), let name = expanded(zone, expansion) {
            let trimmed = name.strippingWhitespace()
            if !ScheduleClock.isKnownTimeZone(trimmed) {
                report(
                    .error, at: zone.location,
                    "unknown time zone '\(trimmed)' for 'schedule_timezone' (an IANA name such as Europe/Paris)")
            } else if case .every = schedule {
                report(.error, at: zone.location, "'schedule_timezone' applies to a cron schedule, not to 'every'")
            } else {
                settings.timeZone = trimmed
            }
        }
        settings.timeout = value(section, "timeout", expansion) { ValueParsers.seconds($0, key: "timeout") }
        var grace: Double?
        if let entry = section.entry("grace") {
            if settings.timeout == nil {
                report(
                    .error, at: entry.location,
                    "'grace' needs 'timeout': it is the time from the timeout's signal to SIGKILL")
            } else {
                grace = value(section, "grace", expansion) { ValueParsers.seconds($0, key: "grace") }
            }
        }
        if let overlap = value(
            section, "overlap", expansion, { Self.choice($0, key: "overlap", ScheduleSettings.Overlap.self) })
        {
            settings.overlap = overlap
        }
        if let misfire = value(
            section, "misfire", expansion, { Self.choice($0, key: "misfire", ScheduleSettings.Misfire.self) })
        {
            settings.misfire = misfire
        }
        if let jitter = value(section, "jitter", expansion, { ValueParsers.seconds($0, key: "jitter") }) {
            settings.jitter = jitter
        }
        if section.entry("autostart") != nil || section.entry("autorestart") != nil {
            report(
                .warning, at: (section.entry("autostart") ?? section.entry("autorestart"))?.location,
                "'autostart' and 'autorestart' do not apply to a scheduled program: it runs on its ticks")
        }
        spec.schedule(settings, grace: grace)
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ text: String, key: String, _ type: T.Type
    ) -> Result<T, ConfigValueError> where T.RawValue == String {
        let word = text.strippingWhitespace().lowercased()
        if let value = T(rawValue: word) { return .success(value) }
        let names = T.allCases.map(\.rawValue).joined(separator: ", ")
        return .failure(ConfigValueError("invalid value '\(text)' for '\(key)': one of \(names)"))
    }
}
