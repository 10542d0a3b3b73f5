/// `[group:x]`, `[program:x]` and `[eventlistener:x]` sections into process groups, as supervisord's
/// `process_groups_from_parser`.
///
/// A `[group:x]` takes the programs its `programs` list names (each must have a `[program:x]`); those
/// programs form no group of their own, and a program may belong to several groups. Every other
/// `[program:x]` is a group of its own, whose priority is the program's. An `[eventlistener:x]` is a pool
/// (default priority -1, so listeners start first and stop last). Groups are sorted by priority, then
/// name; processes within a group likewise. Two groups with one name are an error (supervisord would keep
/// only one of them).
extension ConfigBuilder {
    mutating func readGroups() -> [GroupSpec] {
        var programSections: [String: LoadedSection] = [:]
        for section in sections where section.kind == "program" {
            if let name = section.section.argument { programSections[name] = section }
        }
        var grouped: Set<String> = []
        var groups: [GroupSpec] = []
        for section in sections where section.kind == "group" {
            guard let name = checkedName(section.section.argument ?? "", in: section) else { continue }
            let expansion = sharedExpansion(here: section.here)
            let priority = integer(section, "priority", expansion) ?? 999
            var programs: [ProgramSpec] = []
            var members: [String] = []
            if let entry = section.entry("programs"), let list = expanded(entry, expansion), !list.isEmpty {
                members = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.strippingWhitespace() }
            } else if section.entry("programs") == nil {
                report(
                    .warning, at: section.location, "[\(section.name)] has no 'programs' value, so the group is empty")
            }
            for (index, member) in members.enumerated() {
                let location = section.entry("programs")?.location
                if members[..<index].contains(member) {
                    report(.warning, at: location, "[\(section.name)] names program '\(member)' twice")
                    continue
                }
                guard let program = programSections[member] else {
                    report(
                        .error, at: location,
                        "[\(section.name)] names program '\(member)', but there is no [program:\(member)]")
                    continue
                }
                grouped.insert(member)
                programs += readProcesses(program, group: name)
            }
            groups.append(makeGroup(name, priority: priority, kind: .group, programs: programs, section: section))
        }
        for section in sections where section.kind == "program" {
            guard let argument = section.section.argument, !grouped.contains(argument),
                let name = checkedName(argument, in: section)
            else { continue }
            let priority = integer(section, "priority", programExpansion(section, group: name)) ?? 999
            let programs = readProcesses(section, group: name)
            groups.append(makeGroup(name, priority: priority, kind: .program, programs: programs, section: section))
        }
        for section in sections where section.kind == "eventlistener" {
            guard let name = checkedName(section.section.argument ?? "", in: section) else { continue }
            let settings = readListenerSettings(section, name: name)
            let priority = integer(section, "priority", programExpansion(section, group: name)) ?? -1
            let programs = readProcesses(section, group: name)
            var group = makeGroup(name, priority: priority, kind: .eventListener, programs: programs, section: section)
            group.eventListener = settings
            groups.append(group)
        }
        checkUniqueNames(groups)
        return groups.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }
    }

    /// `events`, `buffer_size` and `result_handler` of an `[eventlistener:x]`, with supervisord's checks
    /// (and its refusal of `redirect_stderr = true`, which would corrupt the listener protocol).
    private mutating func readListenerSettings(_ section: LoadedSection, name: String) -> EventListenerSettings {
        let expansion = programExpansion(section, group: name)
        let bufferSize = integer(section, "buffer_size", expansion, minimum: 1) ?? 10
        var events: [String] = []
        if let entry = section.entry("events"), let text = expanded(entry, expansion) {
            for event in text.split(separator: ",").map({ $0.strippingWhitespace().uppercased() }) where !event.isEmpty
            {
                if !Self.eventNames.contains(event) {
                    report(.error, at: entry.location, "unknown event type '\(event)' in [\(section.name)] events")
                } else if !events.contains(event) {
                    events.append(event)
                }
            }
        }
        if events.isEmpty, section.entry("events")?.value.isEmpty ?? true {
            report(
                .error, at: section.entry("events")?.location ?? section.location,
                "[\(section.name)] section requires an 'events' line (e.g. events = PROCESS_STATE)")
        }
        if boolean(section, "redirect_stderr", expansion) == true {
            report(
                .error, at: section.entry("redirect_stderr")?.location,
                "[\(section.name)] sets redirect_stderr=true, which is not allowed: it would interfere with the event listener protocol"
            )
        }
        let handler = string(section, "result_handler", expansion)
        if let handler, handler != Self.defaultResultHandler, let entry = section.entry("result_handler") {
            report(
                .warning, at: entry.location,
                "Tend cannot load Python result handlers; '\(handler)' is replaced by supervisord's default (\(Self.defaultResultHandler))"
            )
        }
        return EventListenerSettings(events: events, bufferSize: bufferSize, resultHandler: handler)
    }

    static let defaultResultHandler = "supervisor.dispatchers:default_handler"

    /// supervisord's event type names (`EventTypes`).
    static let eventNames: Set<String> = [
        "EVENT", "PROCESS_STATE", "PROCESS_STATE_STOPPED", "PROCESS_STATE_EXITED", "PROCESS_STATE_STARTING",
        "PROCESS_STATE_STOPPING", "PROCESS_STATE_BACKOFF", "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING",
        "PROCESS_STATE_UNKNOWN", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDOUT",
        "PROCESS_COMMUNICATION_STDERR", "PROCESS_LOG", "PROCESS_LOG_STDOUT", "PROCESS_LOG_STDERR",
        "REMOTE_COMMUNICATION", "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING",
        "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK", "TICK_5", "TICK_60", "TICK_3600", "PROCESS_GROUP",
        "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
        // Tend's health events.
        "PROCESS_HEALTH", "PROCESS_HEALTH_STARTING", "PROCESS_HEALTH_HEALTHY", "PROCESS_HEALTH_UNHEALTHY",
    ]

    /// A group with its processes sorted, refusing two processes with one name and a name that another
    /// group already has.
    private mutating func makeGroup(
        _ name: String, priority: Int, kind: GroupSpec.Kind, programs: [ProgramSpec], section: LoadedSection
    ) -> GroupSpec {
        var seen: Set<String> = []
        for program in programs where !seen.insert(program.name).inserted {
            let location =
                section.entry("programs")?.location ?? section.entry("process_name")?.location ?? section.location
            report(
                .error, at: location,
                "group '\(name)' has two processes named '\(program.name)'; give them distinct process_name values")
        }
        let sorted = programs.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }
        return GroupSpec(name: name, priority: priority, kind: kind, programs: sorted, location: section.location)
    }

    /// Reports every group whose name an earlier section already gave to another group.
    private mutating func checkUniqueNames(_ groups: [GroupSpec]) {
        var order: [SourceLocation: (index: Int, name: String)] = [:]
        for (index, section) in sections.enumerated() { order[section.location] = (index, section.name) }
        let place = { (group: GroupSpec) in group.location.flatMap { order[$0] } }
        var owners: [String: GroupSpec] = [:]
        for group in groups.sorted(by: { (place($0)?.index ?? 0) < (place($1)?.index ?? 0) }) {
            guard let owner = owners[group.name] else {
                owners[group.name] = group
                continue
            }
            let earlier = owner.location.map { " at \($0)" } ?? ""
            report(
                .error, at: group.location,
                "group name '\(group.name)' is already used by [\(place(owner)?.name ?? owner.name)]\(earlier)")
        }
    }
}
