/// `[supervisord]` and `[tend]`: the daemon's own settings.
///
/// `[supervisord]` values may use `%(here)s` and `%(ENV_X)s`. Its `environment` is expanded twice, as
/// supervisord does (the second time `%(host_node_name)s` is known too); its variables are inherited by
/// every program and become `%(ENV_X)s` for every later section. `logfile` and `pidfile` are made
/// absolute against the working directory; `childlogdir` and `directory` must be existing directories.
/// Tend reads `logfile = NONE` as "no daemon log" (supervisord would write a file named NONE).
extension ConfigBuilder {
    mutating func readDaemon(_ section: LoadedSection, temporaryDirectory: String) -> DaemonSettings {
        let expansion = baseExpansion(here: section.here)
        var daemon = DaemonSettings(workingDirectory: loader.workingDirectory, temporaryDirectory: temporaryDirectory)
        if let value = integer(section, "minfds", expansion, minimum: 0) { daemon.minfds = value }
        if let value = integer(section, "minprocs", expansion, minimum: 0) { daemon.minprocs = value }
        if let entry = section.entry("directory"), let text = expanded(entry, expansion) {
            daemon.directory = existingDirectory(text, at: entry)
        }
        if let entry = section.entry("user"), let user = expanded(entry, expansion) {
            if ConfigFiles.userExists(user) {
                daemon.user = user
            } else {
                report(.error, at: entry.location, "invalid user name '\(user)' for 'user'")
            }
        }
        if let value = value(section, "umask", expansion, { ValueParsers.octal($0, key: "umask") }) {
            daemon.umask = value
        }
        if let entry = section.entry("logfile"), let text = expanded(entry, expansion) {
            switch text.lowercased() {
            case "none":
                daemon.logfile = nil
            case "syslog":
                daemon.logfile = nil
                report(
                    .warning, at: entry.location,
                    "Tend does not write its log to syslog; 'logfile = syslog' turns the daemon log off")
            default:
                if let path = existingDirectoryPath(text, at: entry) { daemon.logfile = normalizedPath(path) }
            }
        }
        if let value = byteSize(section, "logfile_maxbytes", expansion) { daemon.logfileMaxBytes = value }
        if let value = integer(section, "logfile_backups", expansion, minimum: 0) { daemon.logfileBackups = value }
        if let level = value(
            section, "loglevel", expansion,
            { text in
                LogLevel(parsing: text).map { .success($0) }
                    ?? .failure(
                        ConfigValueError(
                            "bad logging level name '\(text)' (critical, error, warn, info, debug, trace or blather)"))
            })
        {
            daemon.loglevel = level
        }
        if let entry = section.entry("pidfile"), let text = expanded(entry, expansion),
            let path = existingDirectoryPath(text, at: entry)
        {
            daemon.pidfile = normalizedPath(path)
        }
        if let value = string(section, "identifier", expansion) { daemon.identifier = value }
        if let value = boolean(section, "nodaemon", expansion) {
            daemon.nodaemon = value
            daemon.nodaemonIsExplicit = true
        }
        if let value = boolean(section, "silent", expansion) { daemon.silent = value }
        if let entry = section.entry("childlogdir"), let text = expanded(entry, expansion),
            let directory = existingDirectory(text, at: entry)
        {
            daemon.childlogdir = directory
        }
        if let value = boolean(section, "nocleanup", expansion) { daemon.nocleanup = value }
        if let value = boolean(section, "strip_ansi", expansion) { daemon.stripAnsi = value }
        if let entry = section.entry("environment"),
            let text = expanded(entry, expansion, again: expansion.adding(["host_node_name": .text(loader.hostName)]))
        {
            daemon.environment = keyValuePairs(text, at: entry) ?? []
        }
        return daemon
    }

    /// `[tend]`: Tend's daemon-wide settings (see `TendSettings`).
    mutating func readTend(_ section: LoadedSection) -> TendSettings {
        let expansion = baseExpansion(here: section.here).adding(["host_node_name": .text(loader.hostName)])
        var settings = TendSettings()
        settings.runDirectory = string(section, "run_directory", expansion).map(normalizedPath)
        settings.dataDirectory = string(section, "data_directory", expansion).map(normalizedPath)
        if let entry = section.entry("job_store"), let text = expanded(entry, expansion) {
            let store = text.strippingWhitespace()
            if store.isEmpty || store.lowercased() == "sqlite" {
                settings.jobStore = .sqlite
            } else if store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
                settings.jobStore = .postgres(url: store)
            } else {
                report(
                    .error, at: entry.location,
                    "invalid 'job_store' '\(store)': sqlite, or a postgres://user@host:port/database URL")
            }
        }
        if let entry = section.entry("node_name"), let text = expanded(entry, expansion) {
            let name = text.strippingWhitespace()
            if name.isEmpty || name.contains(where: { $0 == " " || $0 == "\t" }) {
                report(
                    .error, at: entry.location,
                    "invalid 'node_name' '\(text)': one word, unique among the daemons sharing a job store")
            } else {
                settings.nodeName = name
            }
        }
        if let seconds = value(section, "heartbeat", expansion, { ValueParsers.seconds($0, key: "heartbeat") }) {
            settings.heartbeat = seconds
        }
        if let enabled = boolean(section, "scheduler", expansion) { settings.scheduler = enabled }
        if let entry = section.entry("job_durability"), let text = expanded(entry, expansion) {
            if let durability = JobDurability(rawValue: text.strippingWhitespace().lowercased()) {
                settings.jobDurability = durability
            } else {
                report(.error, at: entry.location, "invalid value '\(text)' for 'job_durability': normal or full")
            }
        }
        return settings
    }

    /// An `environment` value read as supervisord's `dict_of_key_value_pairs`; `nil` after an error.
    mutating func keyValuePairs(_ text: String, at entry: INIDocument.Entry) -> [EnvironmentVariable]? {
        switch KeyValuePairs.parse(text) {
        case .failure(let error):
            report(.error, at: entry.location, "'\(entry.key)': \(error.message)")
            return nil
        case .success(let parsed):
            for odd in parsed.oddSeparators {
                report(
                    .warning, at: entry.location,
                    "'\(entry.key)': '\(odd.separator)' after \(odd.after) is read as the separator, as supervisord does, so it is dropped; quote values that hold characters other than letters, digits and _/.+-():"
                )
            }
            return parsed.variables
        }
    }
}
