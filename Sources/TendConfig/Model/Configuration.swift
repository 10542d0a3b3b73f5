/// A whole loaded configuration: the daemon's settings, its servers and every process group.
public struct Configuration: Sendable, Hashable, Codable {
    /// The file that was loaded first (the `-c` file).
    public var path: String
    /// `[supervisord]`.
    public var daemon: DaemonSettings
    /// `[unix_http_server]`, if present.
    public var unixServer: UnixServerSettings?
    /// `[inet_http_server]`, if present.
    public var inetServer: InetServerSettings?
    /// `[supervisorctl]`.
    public var control: ControlSettings
    /// Every group, in priority order then name.
    public var groups: [GroupSpec]
    /// Warnings found while loading (unknown keys, includes that matched nothing, …).
    public var warnings: [ConfigDiagnostic]
    /// Every file that was read, the main file first (includes, then `environment_file`s).
    public var files: [String]
    /// `[tend]`.
    public var tend: TendSettings
    /// `[task:x]`: the job types of the job API, sorted by name.
    public var tasks: [TaskSpec]
    /// ncolony mode (`[ncolony]` or `tend up --ncolony-config/--ncolony-messages`), or `nil`.
    public var ncolony: NcolonySettings?

    public init(
        path: String,
        daemon: DaemonSettings,
        unixServer: UnixServerSettings? = nil,
        inetServer: InetServerSettings? = nil,
        control: ControlSettings = ControlSettings(),
        groups: [GroupSpec] = [],
        warnings: [ConfigDiagnostic] = [],
        files: [String] = [],
        tend: TendSettings = TendSettings(),
        tasks: [TaskSpec] = []
    ) {
        self.path = path
        self.daemon = daemon
        self.unixServer = unixServer
        self.inetServer = inetServer
        self.control = control
        self.groups = groups
        self.warnings = warnings
        self.files = files
        self.tend = tend
        self.tasks = tasks
        self.ncolony = nil
    }

    /// `[tend] run_directory`, made absolute; `nil` when not set.
    public var runDirectory: String? { tend.runDirectory }

    /// Every process of every group, in start order (group priority, then process priority, then name).
    public var programs: [ProgramSpec] { groups.flatMap(\.programs) }

    /// The group with this name.
    public func group(named name: String) -> GroupSpec? { groups.first { $0.name == name } }
}
