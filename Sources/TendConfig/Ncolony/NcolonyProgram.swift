import TendAPI

/// One file of ncolony's config directory turned into the program Tend runs.
///
/// As ncolony's `process_events.Receiver.add`: the program is named by its file; it gets `args` (the first is
/// the command), an environment of only `env`, the `env_inherit` variables of the daemon's environment (empty
/// when unset), `NCOLONY_CONFIG` (the file's text) and `NCOLONY_NAME`; `uid`/`gid` apply when the daemon is root.
/// `group` lists the groups RESTART-GROUP messages name. Keys ncolony ignores are warnings here. A file that runs
/// `python -m twisted ncolony-scheduler` becomes a scheduled program (`NcolonySchedulerCommand`).
public struct NcolonyProgram: Sendable, Equatable {
    /// The program as the supervisor runs it (its own one-program group, named as the file).
    public var spec: ProgramSpec
    /// The RESTART-GROUP groups it belongs to.
    public var restartGroups: [String]
    /// Keys that ncolony ignores.
    public var warnings: [ConfigDiagnostic]

    /// The keys ncolony reads (`process_events.VALID_KEYS`).
    public static let knownKeys: Set<String> = ["args", "uid", "gid", "env", "env_inherit", "group"]

    /// Reads the file `name` of the config directory with text `text`.
    /// - Parameters:
    ///   - path: the file's path, for diagnostics.
    ///   - environment: the daemon's environment, for `env_inherit`.
    /// - Throws: a `ConfigError` naming the file (and the line, for text that is not JSON) for a file that is not
    ///   a JSON object, has no `args`, or has values of the wrong type.
    public static func read(
        name: String, path: String, text: String, settings: NcolonySettings, environment: [String: String]
    ) throws(ConfigError) -> NcolonyProgram {
        func invalid(_ line: Int, _ message: String) -> ConfigError {
            ConfigError(diagnostics: [ConfigDiagnostic(.error, at: SourceLocation(file: path, line: line), message)])
        }
        guard !name.isEmpty, !name.contains(":"), !name.contains(where: \.isWhitespace) else {
            throw invalid(1, "'\(name)' cannot be a program name (no ':' or spaces)")
        }
        let json: JSONValue
        do {
            json = try NcolonyJSONText.parse(text)
        } catch {
            throw invalid(error.line, error.message)
        }
        guard case .object(let members) = json else {
            throw invalid(1, "an ncolony program file must be a JSON object")
        }
        let arguments = try strings(json["args"], key: "args", invalid: invalid)
        guard !arguments.isEmpty else {
            throw invalid(1, "'args' must be a non-empty list: the command, then its arguments")
        }
        let location = SourceLocation(file: path, line: 1)
        let warnings = JSONValue.pythonDictionary(members).filter { !knownKeys.contains($0.key) }.map {
            ConfigDiagnostic(.warning, at: location, "unknown key '\($0.key)' (ncolony ignores it)")
        }
        var variables: [(key: String, value: JSONValue)] = []
        if let env = json["env"] {
            guard case .object(let pairs) = env else { throw invalid(1, "'env' must be an object of strings") }
            variables = pairs
        }
        for inherited in try strings(json["env_inherit"], key: "env_inherit", invalid: invalid) {
            variables.append((inherited, .string(environment[inherited] ?? "")))
        }
        variables.append(("NCOLONY_CONFIG", .string(text)))
        variables.append(("NCOLONY_NAME", .string(name)))
        var environmentVariables: [EnvironmentVariable] = []
        for variable in JSONValue.pythonDictionary(variables) {
            guard case .string(let value) = variable.value else {
                throw invalid(1, "'env' value of \(variable.key) must be a string")
            }
            environmentVariables.append(EnvironmentVariable(name: variable.key, value: value))
        }

        var spec = ProgramSpec(
            name: name, groupName: name, command: arguments.joined(separator: " "), arguments: arguments)
        spec.environment = environmentVariables
        spec.inheritsEnvironment = false
        spec.autorestart = .always
        spec.startRetries = -1
        spec.startSecs = Int(min(settings.threshold, ValueParsers.maximumSeconds).rounded(.up))
        spec.backoffMin = settings.minRestartDelay
        spec.backoffMax = settings.maxRestartDelay
        spec.stopSignal = .term
        spec.stopWaitSecs = Int(min(settings.killTime, ValueParsers.maximumSeconds).rounded(.up))
        if let uid = json["uid"] {
            guard case .number(let text) = uid, let value = UInt32(text) else {
                throw invalid(1, "'uid' must be a non-negative integer")
            }
            spec.user = String(value)
        }
        if let gid = json["gid"] {
            guard case .number(let text) = gid, let value = UInt32(text) else {
                throw invalid(1, "'gid' must be a non-negative integer")
            }
            spec.groupID = value
        }
        if let scheduler = NcolonySchedulerCommand(arguments) {
            spec.arguments = scheduler.arguments
            spec.command = scheduler.arguments.joined(separator: " ")
            spec.schedule(scheduler.settings, grace: scheduler.grace)
        }
        let groups = try strings(json["group"], key: "group", invalid: invalid)
        return NcolonyProgram(spec: spec, restartGroups: groups, warnings: warnings)
    }

    private static func strings(
        _ value: JSONValue?, key: String, invalid: (Int, String) -> ConfigError
    ) throws(ConfigError) -> [String] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw invalid(1, "'\(key)' must be a list of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw invalid(1, "'\(key)' must be a list of strings") }
            result.append(text)
        }
        return result
    }
}
