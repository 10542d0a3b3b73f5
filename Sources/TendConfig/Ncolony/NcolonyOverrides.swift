/// The ncolony options of `tend up` (`--ncolony-config`, `--ncolony-messages`, `--threshold`, `--killtime`,
/// `--minrestartdelay`, `--maxrestartdelay`, `--pid`): each one given replaces the `[ncolony]` key of the config.
public struct NcolonyOverrides: Sendable, Hashable {
    public var configDirectory: String?
    public var messagesDirectory: String?
    public var threshold: Double?
    public var killTime: Double?
    public var minRestartDelay: Double?
    public var maxRestartDelay: Double?
    public var pidDirectory: String?

    /// No overrides.
    public init() {}

    /// Whether no option was given.
    public var isEmpty: Bool { self == NcolonyOverrides() }

    /// The options as `tend up` arguments, for the detached daemon to read them again.
    public var arguments: [String] {
        var out: [String] = []
        func add(_ flag: String, _ value: String?) {
            if let value { out += [flag, value] }
        }
        add("--ncolony-config", configDirectory)
        add("--ncolony-messages", messagesDirectory)
        add("--threshold", threshold.map { "\($0)" })
        add("--killtime", killTime.map { "\($0)" })
        add("--minrestartdelay", minRestartDelay.map { "\($0)" })
        add("--maxrestartdelay", maxRestartDelay.map { "\($0)" })
        add("--pid", pidDirectory)
        return out
    }

    /// `settings` with these options applied; `nil` when neither gives both directories.
    /// - Parameter workingDirectory: what relative directories given on the command line are relative to.
    public func applied(to settings: NcolonySettings?, workingDirectory: String) -> NcolonySettings? {
        let absolute = { (path: String) in ConfigFiles.absolute(path, relativeTo: workingDirectory) }
        guard
            let config = configDirectory.map(absolute) ?? settings?.configDirectory,
            let messages = messagesDirectory.map(absolute) ?? settings?.messagesDirectory
        else { return nil }
        var result = settings ?? NcolonySettings(configDirectory: config, messagesDirectory: messages)
        result.configDirectory = config
        result.messagesDirectory = messages
        if let threshold { result.threshold = threshold }
        if let killTime { result.killTime = killTime }
        if let minRestartDelay { result.minRestartDelay = minRestartDelay }
        if let maxRestartDelay { result.maxRestartDelay = maxRestartDelay }
        if let pidDirectory { result.pidDirectory = absolute(pidDirectory) }
        return result
    }
}
