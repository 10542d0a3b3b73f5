/// `[supervisord]`, `[unix_http_server]`, `[inet_http_server]`, `[supervisorctl]` and `[tend]`.
extension ConfigBuilder {
    mutating func readDaemon(_ section: INIDocument.Section, here: String) -> DaemonSettings {
        checkKeys(section, known: [
            "logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "umask", "nodaemon", "silent",
            "minfds", "minprocs", "nocleanup", "childlogdir", "user", "directory", "strip_ansi", "environment",
            "identifier",
        ])
        let expansion = Expansion(values: loader.baseExpansions(here: here))
        var daemon = DaemonSettings(workingDirectory: loader.workingDirectory, temporaryDirectory: ConfigFiles.temporaryDirectory)
        if let logfile = filePath(section, "logfile", expansion, here: here) { daemon.logfile = logfile }
        if let pidfile = filePath(section, "pidfile", expansion, here: here) { daemon.pidfile = pidfile ?? daemon.pidfile }
        if let size = value(section, "logfile_maxbytes", expansion, { ValueParsers.byteSize($0, key: "logfile_maxbytes") }) {
            daemon.logfileMaxBytes = size
        }
        if let backups = value(section, "logfile_backups", expansion, { ValueParsers.integer($0, key: "logfile_backups", minimum: 0) }) {
            daemon.logfileBackups = backups
        }
        if let level = value(section, "loglevel", expansion, { text in
            LogLevel(parsing: text).map { .success($0) }
                ?? .failure(ExpansionError(message: "invalid loglevel '\(text)' (critical, error, warn, info, debug, trace or blather)"))
        }) {
            daemon.loglevel = level
        }
        if let umask = value(section, "umask", expansion, { ValueParsers.octal($0, key: "umask") }) { daemon.umask = umask }
        if let nodaemon = value(section, "nodaemon", expansion, { ValueParsers.boolean($0, key: "nodaemon") }) {
            daemon.nodaemon = nodaemon
            daemon.nodaemonIsExplicit = true
        }
        if let silent = value(section, "silent", expansion, { ValueParsers.boolean($0, key: "silent") }) { daemon.silent = silent }
        if let value = value(section, "minfds", expansion, { ValueParsers.integer($0, key: "minfds", minimum: 1) }) { daemon.minfds = value }
        if let value = value(section, "minprocs", expansion, { ValueParsers.integer($0, key: "minprocs", minimum: 1) }) { daemon.minprocs = value }
        if let value = value(section, "nocleanup", expansion, { ValueParsers.boolean($0, key: "nocleanup") }) { daemon.nocleanup = value }
        if let entry = section.entry("childlogdir"), let directory = expand(entry, expansion) {
            let absolute = ConfigFiles.absolute(directory, relativeTo: loader.workingDirectory)
            if ConfigFiles.isDirectory(absolute) {
                daemon.childlogdir = absolute
            } else {
                diagnostics.append(.init(.error, at: entry.location, "childlogdir \(directory) is not an existing directory"))
            }
        }
        if let user = string(section, "user", expansion) { daemon.user = user }
        if let directory = string(section, "directory", expansion) { daemon.directory = directory }
        if let value = value(section, "strip_ansi", expansion, { ValueParsers.boolean($0, key: "strip_ansi") }) { daemon.stripAnsi = value }
        if let environment = value(section, "environment", expansion, ValueParsers.environment) { daemon.environment = environment }
        if let identifier = string(section, "identifier", expansion) { daemon.identifier = identifier }
        return daemon
    }

    mutating func readUnixServer(_ section: INIDocument.Section, here: String) -> UnixServerSettings? {
        checkKeys(section, known: ["file", "chmod", "chown", "username", "password"])
        let expansion = Expansion(values: loader.baseExpansions(here: here))
        guard let file = string(section, "file", expansion) else {
            diagnostics.append(.init(.error, at: section.location, "[unix_http_server] has no 'file' value (the socket path)"))
            return nil
        }
        var settings = UnixServerSettings(file: ConfigFiles.absolute(file, relativeTo: loader.workingDirectory))
        if let mode = value(section, "chmod", expansion, { ValueParsers.octal($0, key: "chmod") }) { settings.chmod = mode }
        settings.chown = string(section, "chown", expansion)
        settings.credentials = credentials(section, expansion)
        return settings
    }

    mutating func readInetServer(_ section: INIDocument.Section, here: String) -> InetServerSettings? {
        checkKeys(section, known: ["port", "username", "password"])
        let expansion = Expansion(values: loader.baseExpansions(here: here))
        guard let entry = section.entry("port"), let text = expand(entry, expansion) else {
            diagnostics.append(.init(.error, at: section.location, "[inet_http_server] has no 'port' value (e.g. 127.0.0.1:9001)"))
            return nil
        }
        // A bare port binds loopback only: the control API must not be exposed by accident.
        var host = "127.0.0.1"
        var portText = text
        if let colon = text.lastIndex(of: ":") {
            let given = String(text[..<colon])
            host = given.isEmpty || given == "*" ? "0.0.0.0" : given
            portText = String(text[text.index(after: colon)...])
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            diagnostics.append(.init(.error, at: entry.location, "invalid port '\(text)' in [inet_http_server] (host:port or port)"))
            return nil
        }
        return InetServerSettings(host: host, port: port, credentials: credentials(section, expansion))
    }

    private mutating func credentials(_ section: INIDocument.Section, _ expansion: Expansion) -> Credentials? {
        let username = string(section, "username", expansion)
        let password = string(section, "password", expansion)
        switch (username, password) {
        case (nil, nil): return nil
        case let (user?, pass?): return Credentials(username: user, password: pass)
        default:
            diagnostics.append(.init(.error, at: section.location, "[\(section.name)] has a username or a password but not both"))
            return nil
        }
    }

    mutating func readControl(_ section: INIDocument.Section, here: String) -> ControlSettings {
        checkKeys(section, known: ["serverurl", "username", "password", "prompt", "history_file"])
        let expansion = Expansion(values: loader.baseExpansions(here: here))
        return ControlSettings(
            serverURL: string(section, "serverurl", expansion), username: string(section, "username", expansion),
            password: string(section, "password", expansion), prompt: string(section, "prompt", expansion) ?? "supervisor")
    }

    mutating func readTend(_ section: INIDocument.Section, here: String) {
        checkKeys(section, known: ["run_directory", "data_directory", "job_store", "node_name", "heartbeat"])
    }
}
