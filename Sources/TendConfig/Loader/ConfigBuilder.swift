/// One load of a config: reads the main file and its includes, then turns the sections into the model,
/// collecting every diagnostic on the way instead of stopping at the first (see `ConfigLoader`).
struct ConfigBuilder {
    /// A section with the directory of the file that holds it (its `%(here)s`).
    struct LoadedSection {
        var section: INIDocument.Section
        var here: String

        var name: String { section.name }
        var kind: String { section.kind }
        var location: SourceLocation { section.location }
        func entry(_ key: String) -> INIDocument.Entry? { section.entry(key) }
    }

    /// Section kinds that name something after a colon (`[program:web]`).
    static let namedKinds: Set<String> = ["program", "group", "eventlistener", "rpcinterface", "ctlplugin", "task"]
    /// Section kinds that stand alone (`[supervisord]`).
    static let singleKinds: Set<String> = [
        "supervisord", "unix_http_server", "inet_http_server", "supervisorctl", "include", "tend", "ncolony",
    ]

    let loader: ConfigLoader
    let path: String
    var diagnostics: [ConfigDiagnostic] = []
    /// Every section read, in the order read (the main file first, includes depth first).
    var sections: [LoadedSection] = []
    /// The entries of every `[DEFAULT]` section.
    var defaults: [INIDocument.Entry] = []
    /// Every file read, the main file first.
    var files: [String] = []
    /// `[supervisord] environment`, once read: every program inherits it, and `%(ENV_X)s` sees it.
    var daemonEnvironment: [EnvironmentVariable] = []
    /// Where each process's `depends_on` was written, by process key, for the errors of the dependency graph.
    var dependencyLocations: [String: SourceLocation] = [:]

    init(loader: ConfigLoader, path: String) {
        self.loader = loader
        self.path = path
    }

    /// Reads everything and builds the configuration; `diagnostics` then holds every problem, in file order.
    mutating func build() -> Configuration {
        readFiles()
        inheritDefaults()
        checkSectionsAndKeys()
        let temporaryDirectory = ConfigFiles.temporaryDirectory(
            environment: loader.environment, workingDirectory: loader.workingDirectory)
        var configuration = Configuration(
            path: path,
            daemon: DaemonSettings(workingDirectory: loader.workingDirectory, temporaryDirectory: temporaryDirectory))
        for section in sections {
            switch section.kind {
            case "supervisord": configuration.daemon = readDaemon(section, temporaryDirectory: temporaryDirectory)
            case "tend": configuration.tend = readTend(section)
            case "ncolony": configuration.ncolony = readNcolony(section)
            default: break
            }
        }
        readServerSections(into: &configuration)
        configuration.groups = readGroups()
        checkDependencies(of: configuration.groups)
        configuration.tasks = readTasks()
        configuration.files = files
        finishDiagnostics()
        return configuration
    }

    /// Reads the sections that say where the daemon listens and how clients reach it, after `[supervisord]`
    /// (whose `environment` their `%(ENV_X)s` expansions see).
    mutating func readServerSections(into configuration: inout Configuration) {
        daemonEnvironment = configuration.daemon.environment
        for section in sections {
            switch section.kind {
            case "unix_http_server": configuration.unixServer = readUnixServer(section)
            case "inet_http_server": configuration.inetServer = readInetServer(section)
            case "supervisorctl": configuration.control = readControl(section)
            default: break
            }
        }
    }

    /// Reports unknown sections (errors) and unknown keys (warnings).
    private mutating func checkSectionsAndKeys() {
        for section in sections {
            let kind = section.kind
            let hasArgument = section.section.argument != nil
            if kind == "fcgi-program" {
                report(
                    .error, at: section.location,
                    "[\(section.name)]: fcgi-program sections are not supported by Tend; run the FastCGI server as a [program:x]"
                )
                continue
            }
            guard (Self.namedKinds.contains(kind) && hasArgument) || (Self.singleKinds.contains(kind) && !hasArgument)
            else {
                report(.error, at: section.location, "unknown section [\(section.name)]")
                continue
            }
            guard let known = SectionKeys.known(forKind: kind) else { continue }
            for entry in section.section.entries where !entry.isInherited && !known.contains(entry.key) {
                report(.warning, at: entry.location, "unknown key '\(entry.key)' in [\(section.name)]")
            }
        }
    }

    /// Gives every section the `[DEFAULT]` entries it does not set itself, as Python's parser does.
    mutating func inheritDefaults() {
        guard !defaults.isEmpty else { return }
        for index in sections.indices {
            for var entry in defaults where sections[index].entry(entry.key) == nil {
                entry.isInherited = true
                sections[index].section.entries.append(entry)
            }
        }
    }

    /// Drops repeated diagnostics (a `numprocs` program reports a bad value once, not once a process) and
    /// puts the rest in file order: files in the order read, then by line.
    private mutating func finishDiagnostics() {
        var seen: Set<ConfigDiagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        let order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        diagnostics = unique.enumerated().sorted { left, right in
            let l = (
                left.element.location.map { order[$0.file] ?? files.count } ?? -1, left.element.location?.line ?? 0,
                left.offset
            )
            let r = (
                right.element.location.map { order[$0.file] ?? files.count } ?? -1, right.element.location?.line ?? 0,
                right.offset
            )
            return l < r
        }.map(\.element)
    }

    /// Records a diagnostic.
    mutating func report(_ severity: ConfigDiagnostic.Severity, at location: SourceLocation?, _ message: String) {
        diagnostics.append(ConfigDiagnostic(severity, at: location, message))
    }
}
