/// Loads supervisord.conf files (with `[include]`) into a `Configuration`, with supervisord 4.3's keys,
/// defaults and semantics, and reports every problem with its `file:line`.
public struct ConfigLoader: Sendable {
    /// Environment for `%(ENV_X)s`.
    public var environment: [String: String]
    /// `%(host_node_name)s`.
    public var hostName: String
    /// `$CWD` for the default logfile and pidfile, and the base of a relative `-c` path.
    public var workingDirectory: String

    public init(environment: [String: String]? = nil, hostName: String? = nil, workingDirectory: String? = nil) {
        self.environment = environment ?? ConfigFiles.environment
        self.hostName = hostName ?? ConfigFiles.hostName
        self.workingDirectory = workingDirectory ?? ConfigFiles.workingDirectory
    }

    /// Loads `path` and every file it includes.
    /// - Returns: the configuration; its `warnings` hold unknown keys and includes that matched nothing.
    /// - Throws: `ConfigError` with every error (and warning) when there is any error; nothing is returned then.
    public func load(path: String) throws(ConfigError) -> Configuration {
        var builder = ConfigBuilder(loader: self, path: ConfigFiles.absolute(path, relativeTo: workingDirectory))
        let configuration = builder.build()
        builder.sortDiagnostics()
        if builder.diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigError(diagnostics: builder.diagnostics)
        }
        var result = configuration
        result.warnings = builder.diagnostics
        return result
    }

    /// Every problem in `path` and its includes, errors and warnings, in file order.
    public func check(path: String) -> [ConfigDiagnostic] {
        var builder = ConfigBuilder(loader: self, path: ConfigFiles.absolute(path, relativeTo: workingDirectory))
        _ = builder.build()
        builder.sortDiagnostics()
        return builder.diagnostics
    }

    /// The expansions every section may use: `here`, `host_node_name`, `ENV_*`.
    func baseExpansions(here: String) -> [String: String] {
        var values = ["here": here, "host_node_name": hostName]
        for (key, value) in environment { values["ENV_" + key] = value }
        return values
    }
}
