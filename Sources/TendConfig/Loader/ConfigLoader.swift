/// Loads supervisord.conf files (with their `[include]`s) into a `Configuration`, with supervisord 4.3's
/// sections, keys, defaults, expansions and checks, and reports every problem with its `file:line`.
///
/// Loading reads files and asks the system about users, groups and directories; it starts nothing.
/// Relative paths follow supervisord: the daemon's `logfile`, `pidfile` and the socket `file` are made
/// absolute against `workingDirectory`; program log files and `childlogdir` stay as written (after `~`
/// expansion) and are only checked against it.
public struct ConfigLoader: Sendable {
    /// The environment that `%(ENV_X)s` reads, and where `$HOME` and `$TMPDIR` come from.
    public var environment: [String: String]
    /// `%(host_node_name)s`.
    public var hostName: String
    /// `$CWD`: the base of a relative config path, of the default `logfile` and `pidfile`, and of relative
    /// paths that supervisord resolves against its working directory.
    public var workingDirectory: String
    /// `tend up`'s ncolony options, applied over the config's `[ncolony]` section.
    public var ncolony: NcolonyOverrides = NcolonyOverrides()

    /// A loader for this process (by default) or for the given environment, host name and directory.
    public init(
        environment: [String: String] = ConfigLoader.processEnvironment,
        hostName: String = ConfigLoader.processHostName,
        workingDirectory: String = ConfigLoader.processWorkingDirectory
    ) {
        self.environment = environment
        self.hostName = hostName
        self.workingDirectory = workingDirectory
    }

    /// This process's environment variables.
    public static var processEnvironment: [String: String] { ConfigFiles.environment }
    /// This machine's host name (`gethostname`).
    public static var processHostName: String { ConfigFiles.hostName }
    /// This process's working directory.
    public static var processWorkingDirectory: String { ConfigFiles.workingDirectory }

    /// Loads `path` and every file it includes.
    /// - Parameter path: the config file; a relative path is taken from `workingDirectory`.
    /// - Returns: the configuration; its `warnings` hold what deserves attention but does not stop it
    ///   (unknown keys, includes that match nothing, settings Tend accepts but does not act on).
    /// - Throws: `ConfigError` with every error and every warning, in file order, when there is any error.
    public func load(path: String) throws(ConfigError) -> Configuration {
        var builder = ConfigBuilder(loader: self, path: ConfigFiles.absolute(path, relativeTo: workingDirectory))
        var configuration = builder.build()
        if builder.diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigError(diagnostics: builder.diagnostics)
        }
        configuration.warnings = builder.diagnostics
        return try withNcolonyPrograms(configuration)
    }

    /// The configuration of ncolony mode without a config file (`tend up --ncolony-config C --ncolony-messages M`
    /// where no config file is found): supervisord's defaults, with the socket, pidfile and log in the working
    /// directory (`tend.sock`, `tend.pid`, `tend.log`), and the programs of the ncolony config directory.
    /// - Throws: `ConfigError` when the ncolony options do not give both directories, or one does not exist.
    public func loadStandalone() throws(ConfigError) -> Configuration {
        let temporary = ConfigFiles.temporaryDirectory(environment: environment, workingDirectory: workingDirectory)
        var daemon = DaemonSettings(workingDirectory: workingDirectory, temporaryDirectory: temporary)
        daemon.logfile = workingDirectory + "/tend.log"
        daemon.pidfile = workingDirectory + "/tend.pid"
        let configuration = Configuration(
            path: "", daemon: daemon,
            unixServer: UnixServerSettings(file: ConfigSearch.standaloneSocket(in: workingDirectory)))
        guard ncolony.applied(to: nil, workingDirectory: workingDirectory) != nil else {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(
                    .error, at: nil, "no config file: give one with -c FILE, or --ncolony-config and --ncolony-messages"
                )
            ])
        }
        return try withNcolonyPrograms(configuration)
    }

    /// `configuration` with the ncolony options applied and, in ncolony mode, the programs of the config
    /// directory as they are now.
    /// - Throws: `ConfigError` when a directory given on the command line is not a directory.
    public func withNcolonyPrograms(_ configuration: Configuration) throws(ConfigError) -> Configuration {
        var configuration = configuration
        configuration.ncolony = ncolony.applied(to: configuration.ncolony, workingDirectory: workingDirectory)
        guard let settings = configuration.ncolony else { return configuration }
        let missing = [settings.configDirectory, settings.messagesDirectory].filter { !ConfigFiles.isDirectory($0) }
        guard missing.isEmpty else {
            throw ConfigError(
                diagnostics: missing.map {
                    ConfigDiagnostic(.error, at: nil, "\($0) is not an existing directory (ncolony mode)")
                })
        }
        configuration.warnings += configuration.replaceNcolonyPrograms(
            with: NcolonyDirectory.read(settings: settings, environment: environment))
        return configuration
    }

    /// What a client needs of `path` and its includes (the daemon's addresses, credentials and pidfile), read
    /// as supervisorctl reads it: other sections are not validated, so a broken `[program:x]` never stands
    /// between `tend` and a running daemon.
    /// - Throws: `ConfigError` saying why when the main file cannot be read.
    public func loadClientSettings(path: String) throws(ConfigError) -> Configuration {
        var builder = ConfigBuilder(loader: self, path: ConfigFiles.absolute(path, relativeTo: workingDirectory))
        guard let configuration = builder.buildForClient() else { throw ConfigError(diagnostics: builder.diagnostics) }
        return configuration
    }

    /// Every problem in `path` and the files it includes, errors and warnings, in file order; empty for
    /// a config without remarks. Never throws: a missing file is one error without a location.
    public func check(path: String) -> [ConfigDiagnostic] {
        var builder = ConfigBuilder(loader: self, path: ConfigFiles.absolute(path, relativeTo: workingDirectory))
        let configuration = builder.build()
        guard let settings = ncolony.applied(to: configuration.ncolony, workingDirectory: workingDirectory) else {
            return builder.diagnostics
        }
        return builder.diagnostics + NcolonyDirectory.read(settings: settings, environment: environment).diagnostics
    }
}
