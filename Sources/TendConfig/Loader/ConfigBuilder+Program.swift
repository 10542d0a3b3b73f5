/// One `[program:x]` (or `[eventlistener:x]`) section into its processes.
extension ConfigBuilder {
    mutating func readProgram(
        _ section: INIDocument.Section, here: String, group: String, daemon: DaemonSettings, extraKeys: Set<String> = []
    ) -> [ProgramSpec] {
        let programName = String(section.name.split(separator: ":", maxSplits: 1).last ?? "")
        checkKeys(section, known: Self.programKeys.union(extraKeys))
        var base = loader.baseExpansions(here: here)
        base["program_name"] = programName
        base["group_name"] = group
        let plain = Expansion(values: base)
        let numprocs = value(section, "numprocs", plain) { ValueParsers.integer($0, key: "numprocs", minimum: 1) } ?? 1
        let start = value(section, "numprocs_start", plain) { ValueParsers.integer($0, key: "numprocs_start", minimum: 0) } ?? 0
        guard let command = section.entry("command") else {
            diagnostics.append(.init(.error, at: section.location, "[\(section.name)] is missing 'command'"))
            // Still check the other keys, so that every error is reported at once.
            var unused = ProgramSpec(name: programName, groupName: group, command: "", arguments: [])
            readSettings(section, into: &unused, expansion: Expansion(values: base.merging(["process_num": String(start), "numprocs": String(numprocs)]) { $1 }), daemon: daemon, here: here)
            return []
        }
        let nameTemplate = section.entry("process_name")
        if numprocs > 1, !(nameTemplate?.value.contains("%(process_num)") ?? false) {
            diagnostics.append(.init(.error, at: nameTemplate?.location ?? section.location, "[\(section.name)]: %(process_num) must be present within process_name when numprocs > 1"))
            return []
        }
        var specs: [ProgramSpec] = []
        for index in 0..<numprocs {
            var values = base
            values["process_num"] = String(start + index)
            values["numprocs"] = String(numprocs)
            let expansion = Expansion(values: values)
            let errorsBefore = diagnostics.count
            let name = nameTemplate.flatMap { expand($0, expansion) } ?? programName
            let commandText = expand(command, expansion)
            var arguments: [String] = []
            switch commandText.map(ShellWords.split) {
            case .success(let words)?:
                arguments = words
                if words.isEmpty { diagnostics.append(.init(.error, at: command.location, "'command' is empty")) }
            case .failure(let error)?: diagnostics.append(.init(.error, at: command.location, error.message))
            case nil: break
            }
            var spec = ProgramSpec(name: name, groupName: group, command: commandText ?? "", arguments: arguments)
            spec.numprocs = numprocs
            spec.processNumber = start + index
            readSettings(section, into: &spec, expansion: expansion, daemon: daemon, here: here)
            // Report each bad value once, not once per process.
            if index > 0 && diagnostics.count > errorsBefore { diagnostics.removeLast(diagnostics.count - errorsBefore) }
            guard !arguments.isEmpty else { return [] }
            specs.append(spec)
        }
        return specs
    }

    private mutating func readSettings(
        _ section: INIDocument.Section, into spec: inout ProgramSpec, expansion: Expansion, daemon: DaemonSettings, here: String
    ) {
        if let value = value(section, "priority", expansion, { ValueParsers.integer($0, key: "priority") }) { spec.priority = value }
        if let value = value(section, "autostart", expansion, { ValueParsers.boolean($0, key: "autostart") }) { spec.autostart = value }
        if let value = value(section, "autorestart", expansion, ValueParsers.autorestart) { spec.autorestart = value }
        if let value = value(section, "startsecs", expansion, { ValueParsers.integer($0, key: "startsecs", minimum: 0) }) { spec.startSecs = value }
        if let value = value(section, "startretries", expansion, { ValueParsers.integer($0, key: "startretries", minimum: -1) }) { spec.startRetries = value }
        if let value = value(section, "exitcodes", expansion, ValueParsers.exitCodes) { spec.exitCodes = value }
        if let value = value(section, "stopsignal", expansion, { ValueParsers.signal($0, key: "stopsignal") }) { spec.stopSignal = value }
        if let value = value(section, "stopwaitsecs", expansion, { ValueParsers.integer($0, key: "stopwaitsecs", minimum: 0) }) { spec.stopWaitSecs = value }
        if let value = value(section, "stopasgroup", expansion, { ValueParsers.boolean($0, key: "stopasgroup") }) { spec.stopAsGroup = value }
        spec.killAsGroup = value(section, "killasgroup", expansion, { ValueParsers.boolean($0, key: "killasgroup") }) ?? spec.stopAsGroup
        if spec.stopAsGroup && !spec.killAsGroup {
            diagnostics.append(.init(.error, at: section.entry("killasgroup")?.location ?? section.location, "cannot set stopasgroup=true and killasgroup=false"))
        }
        if let entry = section.entry("user"), let user = expand(entry, expansion) {
            if ConfigFiles.userExists(user) {
                spec.user = user
            } else {
                diagnostics.append(.init(.error, at: entry.location, "invalid user name '\(user)'"))
            }
        }
        if let value = value(section, "redirect_stderr", expansion, { ValueParsers.boolean($0, key: "redirect_stderr") }) { spec.redirectStderr = value }
        spec.stdoutLog = readLog(section, "stdout", expansion: expansion, here: here)
        spec.stderrLog = readLog(section, "stderr", expansion: expansion, here: here)
        spec.environment = daemon.environment
        if let entry = section.entry("environment_file"), let path = expand(entry, expansion) {
            switch EnvironmentFile.read(ConfigFiles.absolute(path, relativeTo: here)) {
            case .success(let variables): spec.environment += variables
            case .failure(let error): diagnostics.append(.init(.error, at: entry.location, error.message))
            }
        }
        if let variables = value(section, "environment", expansion, ValueParsers.environment) { spec.environment += variables }
        spec.directory = string(section, "directory", expansion)
        if let value = value(section, "umask", expansion, { ValueParsers.octal($0, key: "umask") }) { spec.umask = value }
        if let url = string(section, "serverurl", expansion) { spec.serverURL = url.uppercased() == "AUTO" ? nil : url }
        if let value = value(section, "backoff_max", expansion, { ValueParsers.seconds($0, key: "backoff_max") }) { spec.backoffMax = value }
    }

    private mutating func readLog(_ section: INIDocument.Section, _ stream: String, expansion: Expansion, here: String) -> LogSpec {
        var log = LogSpec()
        if let entry = section.entry("\(stream)_logfile"), let text = expand(entry, expansion) {
            switch text.uppercased() {
            case "AUTO": log.destination = .automatic
            case "NONE": log.destination = .none
            default:
                let absolute = ConfigFiles.absolute(text, relativeTo: loader.workingDirectory)
                if !ConfigFiles.isDirectory(ConfigFiles.directoryName(absolute)) {
                    diagnostics.append(.init(.error, at: entry.location, "the directory named as part of the path \(text) does not exist"))
                }
                log.destination = .file(absolute)
            }
        }
        if let value = value(section, "\(stream)_logfile_maxbytes", expansion, { ValueParsers.byteSize($0, key: "\(stream)_logfile_maxbytes") }) { log.maxBytes = value }
        if let value = value(section, "\(stream)_logfile_backups", expansion, { ValueParsers.integer($0, key: "\(stream)_logfile_backups", minimum: 0) }) { log.backups = value }
        if let value = value(section, "\(stream)_capture_maxbytes", expansion, { ValueParsers.byteSize($0, key: "\(stream)_capture_maxbytes") }) { log.captureMaxBytes = value }
        if let value = value(section, "\(stream)_events_enabled", expansion, { ValueParsers.boolean($0, key: "\(stream)_events_enabled") }) { log.eventsEnabled = value }
        if let entry = section.entry("\(stream)_syslog"), let text = expand(entry, expansion) {
            if case .success(let on) = ValueParsers.boolean(text, key: "\(stream)_syslog"), on {
                log.syslog = true
                diagnostics.append(.init(.warning, at: entry.location, "'\(stream)_syslog' is accepted but Tend does not send child output to syslog"))
            }
        }
        return log
    }
}
