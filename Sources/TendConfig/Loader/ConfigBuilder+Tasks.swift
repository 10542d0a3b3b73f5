/// `[task:NAME]` sections into job types (`TaskSpec`), with the value rules of `[program:x]`.
///
/// Every key may use `%(here)s`, `%(task_name)s`, `%(host_node_name)s` and `%(ENV_X)s` (the loader's environment
/// and `[supervisord] environment`). `command` and `directory` also see the task's own `environment` as
/// `%(ENV_X)s`. A task's environment is `[supervisord] environment` overlaid with its own. At most one task may
/// say `default = true`; when there is only one task, it is the default anyway.
extension ConfigBuilder {
    mutating func readTasks() -> [TaskSpec] {
        var tasks: [TaskSpec] = []
        var seen: [String: LoadedSection] = [:]
        var defaultTask: (name: String, section: LoadedSection)?
        for section in sections where section.kind == "task" {
            guard let name = checkedName(section.section.argument ?? "", in: section) else { continue }
            if let first = seen[name] {
                report(.error, at: section.location, "[task:\(name)] is defined twice (first at \(first.location))")
                continue
            }
            seen[name] = section
            guard let task = readTask(section, name: name) else { continue }
            if task.isDefault {
                if let earlier = defaultTask {
                    report(
                        .error, at: section.entry("default")?.location ?? section.location,
                        "[task:\(name)] and [task:\(earlier.name)] both say 'default = true'; keep one")
                    continue
                }
                defaultTask = (name, section)
            }
            tasks.append(task)
        }
        return tasks.sorted { $0.name < $1.name }
    }

    /// One task, or `nil` after reporting what is wrong with it.
    private mutating func readTask(_ section: LoadedSection, name: String) -> TaskSpec? {
        let errorsBefore = errorCount
        var expansion = sharedExpansion(here: section.here).adding([
            "task_name": .text(name), "host_node_name": .text(loader.hostName),
        ])
        var task = TaskSpec(name: name, command: "", arguments: [])
        if let entry = section.entry("environment"), let text = expanded(entry, expansion),
            let variables = keyValuePairs(text, at: entry)
        {
            task.environment = daemonEnvironment.overlaid(with: variables)
            expansion = expansion.addingEnvironment(variables)
        } else {
            task.environment = daemonEnvironment
        }
        if let entry = section.entry("command"), let text = expanded(entry, expansion) {
            task.command = text
            switch ShellWords.split(text) {
            case .success(let words) where words.isEmpty: report(.error, at: entry.location, "'command' is empty")
            case .success(let words): task.arguments = words
            case .failure(let error): report(.error, at: entry.location, error.message)
            }
        } else if section.entry("command") == nil {
            report(.error, at: section.location, "[\(section.name)] is missing 'command'")
        }
        if let seconds = nonNegativeSeconds(section, "timeout", expansion) {
            task.timeout = seconds > 0 ? seconds : nil
        }
        if let signal = value(section, "stopsignal", expansion, { ValueParsers.signal($0, key: "stopsignal") }) {
            task.stopSignal = signal
        }
        if let seconds = nonNegativeSeconds(section, "grace", expansion) { task.grace = seconds }
        if let count = integer(section, "concurrency", expansion, minimum: 1) { task.concurrency = count }
        if let seconds = nonNegativeSeconds(section, "result_ttl", expansion) { task.resultTTL = seconds }
        if let codes = value(section, "error_exit_codes", expansion, Self.errorExitCodes) {
            task.errorExitCodes = codes
        }
        if let word = value(section, "error_name", expansion, Self.statusWord) { task.errorName = word }
        if let flag = boolean(section, "stop_when_ready", expansion) { task.stopsWhenReady = flag }
        if let flag = boolean(section, "default", expansion) { task.isDefault = flag }
        if let policy = value(section, "on_interrupt", expansion, Self.interruptPolicy) { task.onInterrupt = policy }
        if let directory = string(section, "directory", expansion), !directory.isEmpty {
            task.directory = normalizedPath(directory)
        }
        if let entry = section.entry("user"), let user = expanded(entry, expansion), !user.isEmpty {
            if ConfigFiles.userExists(user) {
                task.user = user
            } else {
                report(.error, at: entry.location, "invalid user name '\(user)' for 'user'")
            }
        }
        if let mask = value(section, "umask", expansion, { ValueParsers.octal($0, key: "umask") }) { task.umask = mask }
        return errorCount == errorsBefore ? task : nil
    }

    /// A number of seconds, 0 or more.
    private mutating func nonNegativeSeconds(_ section: LoadedSection, _ key: String, _ expansion: Expansion) -> Double?
    {
        value(section, key, expansion) { ValueParsers.nonNegativeSeconds($0, key: key) }
    }

    /// `error_exit_codes`: comma-separated codes from 1 to 255 (0 is success).
    private static func errorExitCodes(_ text: String) -> Result<Set<Int32>, ConfigValueError> {
        var codes: Set<Int32> = []
        for part in text.split(separator: ",") {
            guard let code = ValueParsers.pythonInteger(String(part)), (1...255).contains(code) else {
                return .failure(
                    ConfigValueError(
                        "invalid exit code '\(part.strippingWhitespace())' in 'error_exit_codes' (comma-separated numbers from 1 to 255)"
                    ))
            }
            codes.insert(Int32(code))
        }
        return .success(codes)
    }

    /// `error_name`: one word, as the status of `GET /status/<id>` shows it.
    private static func statusWord(_ text: String) -> Result<String, ConfigValueError> {
        let word = text.strippingWhitespace()
        guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        else {
            return .failure(
                ConfigValueError("invalid 'error_name' '\(text)' (one word: letters, digits, '_', '-' and '.')"))
        }
        return .success(word)
    }

    /// `on_interrupt`: `requeue` or `fail`.
    private static func interruptPolicy(_ text: String) -> Result<TaskSpec.InterruptPolicy, ConfigValueError> {
        guard let policy = TaskSpec.InterruptPolicy(rawValue: text.strippingWhitespace().lowercased()) else {
            return .failure(ConfigValueError("invalid 'on_interrupt' value '\(text)' (requeue or fail)"))
        }
        return .success(policy)
    }
}
