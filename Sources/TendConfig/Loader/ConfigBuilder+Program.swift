/// One `[program:x]` (or `[eventlistener:x]`) section into its processes, as supervisord's
/// `processes_from_section`.
///
/// Expansions follow supervisord. Every key may use `%(here)s`, `%(program_name)s`, `%(group_name)s`,
/// `%(host_node_name)s` and `%(ENV_X)s` (the loader's environment and `[supervisord] environment`). The keys
/// supervisord reads once per process — `command`, `process_name`, `environment`, `directory`, the
/// `stdout_*`/`stderr_*` log keys but the capture and events ones — may also use `%(process_num)d` and
/// `%(numprocs)d`, and all of them but `environment` see the program's own `environment` as `%(ENV_X)s`.
/// `stdout_logfile` and `stderr_logfile` are expanded twice, as supervisord does.
///
/// Tend extensions: `environment_file` (read per process, before `environment`; its variables come
/// between `[supervisord] environment` and the program's, and are `%(ENV_X)s` for the keys after it),
/// `backoff_max` and `crashloop_backoff`. `startretries = -1` retries forever.
extension ConfigBuilder {
    /// The expansions every key of a program section may use.
    func programExpansion(_ section: LoadedSection, group: String) -> Expansion {
        sharedExpansion(here: section.here).adding([
            "program_name": .text(section.section.argument?.strippingWhitespace() ?? ""),
            "group_name": .text(group),
            "host_node_name": .text(loader.hostName),
        ])
    }

    /// The most processes one section may define.
    static let maximumProcesses = 100_000

    /// The processes of `section` in group `group`; empty when the section has errors.
    mutating func readProcesses(_ section: LoadedSection, group: String) -> [ProgramSpec] {
        let programName = section.section.argument?.strippingWhitespace() ?? ""
        let shared = programExpansion(section, group: group)
        var template = ProgramSpec(name: programName, groupName: group, command: "", arguments: [])
        var valid = readSettings(section, shared, into: &template)
        let numprocs = integer(section, "numprocs", shared, minimum: 0) ?? 1
        let start = integer(section, "numprocs_start", shared, minimum: 0) ?? 0
        if numprocs > Self.maximumProcesses || start > Int.max - Self.maximumProcesses {
            report(
                .error, at: section.entry("numprocs")?.location ?? section.location,
                "[\(section.name)] asks for too many processes (numprocs at most \(Self.maximumProcesses))")
            return []
        }
        let nameEntry = section.entry("process_name")
        let nameTemplate = nameEntry?.value ?? "%(program_name)s"
        if checkedName(nameTemplate, in: section, key: nameEntry == nil ? nil : "process_name") == nil { valid = false }
        if numprocs > 1, !nameTemplate.contains("%(process_num)") {
            report(
                .error, at: nameEntry?.location ?? section.location,
                "[\(section.name)]: %(process_num) must be present within process_name when numprocs > 1")
            valid = false
        }
        let command = section.entry("command")
        if command == nil {
            report(.error, at: section.location, "[\(section.name)] is missing 'command'")
            valid = false
        }
        var processes: [ProgramSpec] = []
        for number in start..<(start + numprocs) {
            var spec = template
            spec.processNumber = number
            spec.numprocs = numprocs
            let expansion = shared.adding(["process_num": .number(number), "numprocs": .number(numprocs)])
            guard readProcess(section, expansion, nameTemplate: nameTemplate, command: command, into: &spec), valid
            else {
                valid = false
                continue
            }
            processes.append(spec)
        }
        guard valid else { return [] }
        var names: Set<String> = []
        for process in processes where !names.insert(process.name).inserted {
            report(
                .error, at: nameEntry?.location ?? section.location,
                "[\(section.name)] makes two processes named '\(process.name)'; put %(process_num) in process_name")
            return []
        }
        if let entry = section.entry("depends_on") {
            for process in processes { dependencyLocations[process.qualifiedName] = entry.location }
        }
        return processes
    }

    /// The keys supervisord reads once per section; `false` when one of them is wrong.
    private mutating func readSettings(_ section: LoadedSection, _ expansion: Expansion, into spec: inout ProgramSpec)
        -> Bool
    {
        let errorsBefore = errorCount
        if let value = integer(section, "priority", expansion) { spec.priority = value }
        if let value = boolean(section, "autostart", expansion) { spec.autostart = value }
        if let value = value(section, "autorestart", expansion, ValueParsers.autorestart) { spec.autorestart = value }
        if let value = integer(section, "startsecs", expansion, minimum: 0) { spec.startSecs = value }
        if let value = integer(section, "startretries", expansion, minimum: -1) { spec.startRetries = value }
        if let value = value(section, "stopsignal", expansion, { ValueParsers.signal($0, key: "stopsignal") }) {
            spec.stopSignal = value
        }
        if let value = integer(section, "stopwaitsecs", expansion, minimum: 0) { spec.stopWaitSecs = value }
        if let value = boolean(section, "stopasgroup", expansion) { spec.stopAsGroup = value }
        spec.killAsGroup = boolean(section, "killasgroup", expansion) ?? spec.stopAsGroup
        if spec.stopAsGroup && !spec.killAsGroup {
            report(
                .error, at: section.entry("killasgroup")?.location ?? section.location,
                "cannot set stopasgroup=true and killasgroup=false")
        }
        if let value = value(section, "exitcodes", expansion, ValueParsers.exitCodes) { spec.exitCodes = value }
        if let value = boolean(section, "redirect_stderr", expansion) { spec.redirectStderr = value }
        if let value = byteSize(section, "stdout_capture_maxbytes", expansion) {
            spec.stdoutLog.captureMaxBytes = value
        }
        if let value = boolean(section, "stdout_events_enabled", expansion) { spec.stdoutLog.eventsEnabled = value }
        if let value = byteSize(section, "stderr_capture_maxbytes", expansion) {
            spec.stderrLog.captureMaxBytes = value
        }
        if let value = boolean(section, "stderr_events_enabled", expansion) { spec.stderrLog.eventsEnabled = value }
        if let url = string(section, "serverurl", expansion) {
            spec.serverURL = url.strippingWhitespace().uppercased() == "AUTO" || url.isEmpty ? nil : url
        }
        if let entry = section.entry("user"), let user = expanded(entry, expansion) {
            if ConfigFiles.userExists(user) {
                spec.user = user
            } else {
                report(.error, at: entry.location, "invalid user name '\(user)' for 'user'")
            }
        }
        if let value = value(section, "umask", expansion, { ValueParsers.octal($0, key: "umask") }) {
            spec.umask = value
        }
        if let value = value(section, "backoff_max", expansion, { ValueParsers.seconds($0, key: "backoff_max") }) {
            spec.backoffMax = value
        }
        if let value = boolean(section, "crashloop_backoff", expansion) { spec.crashLoopBackoff = value }
        readSchedule(section, expansion, into: &spec)
        readDependencies(section, expansion, into: &spec)
        readHealth(section, expansion, into: &spec)
        return errorCount == errorsBefore
    }

    /// The keys supervisord reads once per process; `false` when one of them is wrong.
    private mutating func readProcess(
        _ section: LoadedSection, _ processExpansion: Expansion, nameTemplate: String, command: INIDocument.Entry?,
        into spec: inout ProgramSpec
    ) -> Bool {
        let errorsBefore = errorCount
        var expansion = processExpansion
        var environment: [EnvironmentVariable] = []
        if let entry = section.entry("environment_file"), let path = expanded(entry, expansion) {
            environment = readEnvironmentFile(path, at: entry, here: section.here)
            expansion = expansion.addingEnvironment(environment)
        }
        if let entry = section.entry("environment"),
            let text = expanded(entry, processExpansion.addingEnvironment(environment)),
            let variables = keyValuePairs(text, at: entry)
        {
            environment = environment.overlaid(with: variables)
            expansion = expansion.addingEnvironment(variables)
        }
        spec.environment = daemonEnvironment.overlaid(with: environment)
        spec.directory = string(section, "directory", expansion)
        spec.stdoutLog = readLog(section, "stdout", expansion, base: spec.stdoutLog)
        spec.stderrLog = readLog(section, "stderr", expansion, base: spec.stderrLog)
        if spec.redirectStderr {
            if case .file = spec.stderrLog.destination, let entry = section.entry("stderr_logfile") {
                report(
                    .warning, at: entry.location,
                    "[\(section.name)] sets redirect_stderr=true and a stderr_logfile; the stderr_logfile is ignored")
            }
            spec.stderrLog.destination = .none
        }
        if let command, let text = expanded(command, expansion) {
            spec.command = text
            switch ShellWords.split(text) {
            case .success(let words) where words.isEmpty: report(.error, at: command.location, "'command' is empty")
            case .success(let words): spec.arguments = words
            case .failure(let error): report(.error, at: command.location, error.message)
            }
        }
        let writtenName = section.entry("process_name")
        let nameEntry =
            writtenName ?? INIDocument.Entry(key: "process_name", value: nameTemplate, location: section.location)
        if let name = expanded(nameEntry, expansion) {
            spec.name = name.strippingWhitespace()
            if checkedName(spec.name, in: section, key: writtenName == nil ? nil : "process_name") == nil {
                return false
            }
        }
        return errorCount == errorsBefore
    }

    /// The variables of an `environment_file`; a missing file is an error at the key's line.
    private mutating func readEnvironmentFile(_ path: String, at entry: INIDocument.Entry, here: String)
        -> [EnvironmentVariable]
    {
        let absolute = ConfigFiles.absolute(expandingUser(path), relativeTo: here)
        let text: String
        switch ConfigFiles.read(absolute) {
        case .success(let contents): text = contents
        case .failure(let error):
            report(.error, at: entry.location, "environment_file: \(error.message)")
            return []
        }
        if !files.contains(absolute) { files.append(absolute) }
        switch EnvironmentFile.parse(text, path: absolute) {
        case .success(let variables): return variables
        case .failure(let error):
            diagnostics += error.diagnostics
            return []
        }
    }

    /// The number of errors recorded so far.
    var errorCount: Int { diagnostics.count { $0.severity == .error } }
}
