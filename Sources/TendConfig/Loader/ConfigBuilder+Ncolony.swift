/// `[ncolony]`: ncolony mode beside (or instead of) `[program:x]` sections.
///
/// `config` and `messages` are the two directories (both required, made absolute against `%(here)s`' file's
/// working directory as supervisord does for paths); `threshold`, `killtime`, `minrestartdelay` and
/// `maxrestartdelay` are seconds with ncolony's defaults (1, 5, 1, 3600); `pid` is a directory for one pid file per
/// program. `frequency` is accepted and ignored: Tend watches both directories with inotify.
extension ConfigBuilder {
    mutating func readNcolony(_ section: LoadedSection) -> NcolonySettings? {
        let expansion = baseExpansion(here: section.here)
        func directory(_ key: String) -> String? {
            guard let entry = section.entry(key) else {
                report(.error, at: section.location, "[ncolony] needs '\(key)': the ncolony \(key) directory")
                return nil
            }
            guard let text = expanded(entry, expansion), let path = existingDirectory(text, at: entry) else {
                return nil
            }
            return normalizedPath(path)
        }
        let config = directory("config")
        let messages = directory("messages")
        var seconds: [String: Double] = [:]
        for key in ["threshold", "killtime", "minrestartdelay", "maxrestartdelay"] {
            seconds[key] = value(section, key, expansion) { ValueParsers.seconds($0, key: key) }
        }
        if let entry = section.entry("frequency"), let text = expanded(entry, expansion),
            case .failure(let error) = ValueParsers.seconds(text, key: "frequency")
        {
            report(.error, at: entry.location, error.message)
        }
        var pid: String?
        if let entry = section.entry("pid"), let text = expanded(entry, expansion) {
            pid = existingDirectory(text, at: entry).map(normalizedPath)
        }
        guard let config, let messages else { return nil }
        var settings = NcolonySettings(configDirectory: config, messagesDirectory: messages)
        if let value = seconds["threshold"] { settings.threshold = value }
        if let value = seconds["killtime"] { settings.killTime = value }
        if let value = seconds["minrestartdelay"] { settings.minRestartDelay = value }
        if let value = seconds["maxrestartdelay"] { settings.maxRestartDelay = value }
        settings.pidDirectory = pid
        return settings
    }
}
