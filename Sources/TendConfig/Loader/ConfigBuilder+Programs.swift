/// `[program:x]`, `[group:x]` and `[eventlistener:x]` sections into process groups.
extension ConfigBuilder {
    static let programKeys: Set<String> = [
        "command", "process_name", "numprocs", "numprocs_start", "priority", "autostart", "autorestart", "startsecs",
        "startretries", "exitcodes", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "user",
        "redirect_stderr", "stdout_logfile", "stdout_logfile_maxbytes", "stdout_logfile_backups",
        "stdout_capture_maxbytes", "stdout_events_enabled", "stdout_syslog", "stderr_logfile",
        "stderr_logfile_maxbytes", "stderr_logfile_backups", "stderr_capture_maxbytes", "stderr_events_enabled",
        "stderr_syslog", "environment", "directory", "umask", "serverurl",
        // Tend extensions (supervisord ignores them).
        "backoff_max", "environment_file",
        // Reserved for Tend's dependency, health check and schedule features.
        "depends_on", "healthcheck", "healthcheck_interval", "healthcheck_timeout", "healthcheck_retries", "schedule",
        "timeout", "grace",
    ]

    mutating func readGroups(daemon: DaemonSettings) -> [GroupSpec] {
        var programSections: [String: (section: INIDocument.Section, here: String)] = [:]
        for (section, here) in sections where section.name.hasPrefix("program:") {
            programSections[String(section.name.dropFirst("program:".count))] = (section, here)
        }
        var grouped: Set<String> = []
        var groups: [GroupSpec] = []
        for (section, here) in sections where section.name.hasPrefix("group:") {
            let name = String(section.name.dropFirst("group:".count))
            checkKeys(section, known: ["programs", "priority"])
            let expansion = Expansion(values: loader.baseExpansions(here: here))
            let priority = value(section, "priority", expansion) { ValueParsers.integer($0, key: "priority") } ?? 999
            guard let list = string(section, "programs", expansion) else {
                diagnostics.append(.init(.error, at: section.location, "[\(section.name)] has no 'programs' value"))
                continue
            }
            var programs: [ProgramSpec] = []
            for member in list.split(separator: ",").map({ $0.trimmingWhitespace() }) where !member.isEmpty {
                guard let (programSection, programHere) = programSections[member] else {
                    diagnostics.append(.init(.error, at: section.entry("programs")?.location ?? section.location, "[\(section.name)] names program '\(member)', but there is no [program:\(member)]"))
                    continue
                }
                grouped.insert(member)
                programs += readProgram(programSection, here: programHere, group: name, daemon: daemon)
            }
            groups.append(makeGroup(name, priority: priority, kind: .group, programs: programs, location: section.location))
        }
        for (section, here) in sections where section.name.hasPrefix("program:") {
            let name = String(section.name.dropFirst("program:".count))
            guard !grouped.contains(name) else { continue }
            let programs = readProgram(section, here: here, group: name, daemon: daemon)
            groups.append(makeGroup(name, priority: programs.first?.priority ?? 999, kind: .program, programs: programs, location: section.location))
        }
        for (section, here) in sections where section.name.hasPrefix("eventlistener:") {
            let name = String(section.name.dropFirst("eventlistener:".count))
            let expansion = Expansion(values: loader.baseExpansions(here: here).merging(["program_name": name, "group_name": name]) { $1 })
            guard let events = string(section, "events", expansion) else {
                diagnostics.append(.init(.error, at: section.location, "[\(section.name)] must name the events it listens to ('events = PROCESS_STATE')"))
                continue
            }
            let names = events.split(separator: ",").map { $0.trimmingWhitespace().uppercased() }
            for event in names where !Self.eventNames.contains(event) {
                diagnostics.append(.init(.error, at: section.entry("events")!.location, "unknown event type '\(event)' in [\(section.name)]"))
            }
            let buffer = value(section, "buffer_size", expansion) { ValueParsers.integer($0, key: "buffer_size", minimum: 1) } ?? 10
            let handler = string(section, "result_handler", expansion)
            let programs = readProgram(section, here: here, group: name, daemon: daemon, extraKeys: ["events", "buffer_size", "result_handler"])
            var group = makeGroup(name, priority: programs.first?.priority ?? -1, kind: .eventListener, programs: programs, location: section.location)
            group.eventListener = EventListenerSettings(events: names, bufferSize: buffer, resultHandler: handler)
            groups.append(group)
        }
        return groups.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }
    }

    static let eventNames: Set<String> = [
        "EVENT", "PROCESS_STATE", "PROCESS_STATE_STOPPED", "PROCESS_STATE_EXITED", "PROCESS_STATE_STARTING",
        "PROCESS_STATE_STOPPING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING",
        "PROCESS_STATE_UNKNOWN", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDOUT",
        "PROCESS_COMMUNICATION_STDERR", "PROCESS_LOG", "PROCESS_LOG_STDOUT", "PROCESS_LOG_STDERR",
        "REMOTE_COMMUNICATION", "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING",
        "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK", "TICK_5", "TICK_60", "TICK_3600", "PROCESS_GROUP",
        "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
    ]

    private mutating func makeGroup(_ name: String, priority: Int, kind: GroupSpec.Kind, programs: [ProgramSpec], location: SourceLocation) -> GroupSpec {
        var seen: Set<String> = []
        for program in programs where !seen.insert(program.name).inserted {
            diagnostics.append(.init(.error, at: location, "group '\(name)' has two processes named '\(program.name)'; give them distinct process_name values"))
        }
        return GroupSpec(name: name, priority: priority, kind: kind, programs: programs.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }, location: location)
    }
}
