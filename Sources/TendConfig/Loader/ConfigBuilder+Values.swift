/// Reading typed values out of sections: expansion, parsing, and the path checks supervisord makes.
/// Each helper returns `nil` when the key is absent or after recording what is wrong with its value.
extension ConfigBuilder {
    /// `%(here)s` and `%(ENV_X)s` for the loader's environment: what `[supervisord]`, `[supervisorctl]`
    /// and `[include]` may use.
    func baseExpansion(here: String) -> Expansion {
        var values: [String: Expansion.Value] = ["here": .text(here)]
        for (name, value) in loader.environment { values["ENV_" + name] = .text(value) }
        return Expansion(values)
    }

    /// `baseExpansion` plus `[supervisord] environment` as `ENV_X`: what server, group and program
    /// sections may use, since supervisord reads them after `[supervisord]`.
    func sharedExpansion(here: String) -> Expansion {
        baseExpansion(here: here).addingEnvironment(daemonEnvironment)
    }

    /// The entry's value expanded with `expansion` (and once more with `again`, for the keys supervisord
    /// expands twice), or `nil` after recording the error.
    mutating func expanded(_ entry: INIDocument.Entry, _ expansion: Expansion, again: Expansion? = nil) -> String? {
        switch expansion.expand(entry.value) {
        case .failure(let error):
            report(.error, at: entry.location, "'\(entry.key)': \(error.message)")
            return nil
        case .success(let value):
            guard let again else { return value }
            switch again.expand(value) {
            case .success(let twice): return twice
            case .failure(let error):
                report(
                    .error, at: entry.location,
                    "'\(entry.key)': \(error.message) (supervisord expands '\(entry.key)' twice: write %%%% for a literal %)"
                )
                return nil
            }
        }
    }

    /// The value of `key`, expanded and parsed by `parse`.
    mutating func value<T>(
        _ section: LoadedSection, _ key: String, _ expansion: Expansion,
        _ parse: (String) -> Result<T, ConfigValueError>
    ) -> T? {
        guard let entry = section.entry(key), let text = expanded(entry, expansion) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let error):
            report(.error, at: entry.location, error.message)
            return nil
        }
    }

    /// The expanded text of `key`.
    mutating func string(_ section: LoadedSection, _ key: String, _ expansion: Expansion) -> String? {
        value(section, key, expansion) { .success($0) }
    }

    /// A boolean `key`.
    mutating func boolean(_ section: LoadedSection, _ key: String, _ expansion: Expansion) -> Bool? {
        value(section, key, expansion) { ValueParsers.boolean($0, key: key) }
    }

    /// An integer `key`, at least `minimum`.
    mutating func integer(_ section: LoadedSection, _ key: String, _ expansion: Expansion, minimum: Int? = nil) -> Int?
    {
        value(section, key, expansion) { ValueParsers.integer($0, key: key, minimum: minimum) }
    }

    /// A byte size `key` (`50MB`).
    mutating func byteSize(_ section: LoadedSection, _ key: String, _ expansion: Expansion) -> Int64? {
        value(section, key, expansion) { ValueParsers.byteSize($0, key: key) }
    }

    /// `path` with `~` expanded by the loader's `$HOME`.
    func expandingUser(_ path: String) -> String {
        ConfigFiles.expandingUser(path, home: loader.environment["HOME"])
    }

    /// supervisord's `existing_dirpath`: `~` expanded; the directory part, if any, must exist (relative to
    /// the working directory). The path is returned as written otherwise.
    mutating func existingDirectoryPath(_ text: String, at entry: INIDocument.Entry) -> String? {
        let path = expandingUser(text)
        let directory = ConfigFiles.directoryName(path)
        guard
            directory.isEmpty
                || ConfigFiles.isDirectory(ConfigFiles.absolute(directory, relativeTo: loader.workingDirectory))
        else {
            report(.error, at: entry.location, "the directory named as part of the path \(text) does not exist")
            return nil
        }
        return path
    }

    /// supervisord's `existing_directory`: `~` expanded; it must be a directory (relative to the working
    /// directory). The path is returned as written otherwise.
    mutating func existingDirectory(_ text: String, at entry: INIDocument.Entry) -> String? {
        let path = expandingUser(text)
        guard ConfigFiles.isDirectory(ConfigFiles.absolute(path, relativeTo: loader.workingDirectory)) else {
            report(.error, at: entry.location, "\(text) is not an existing directory (for '\(entry.key)')")
            return nil
        }
        return path
    }

    /// supervisord's `normalize_path`: `~` expanded, made absolute against the working directory.
    func normalizedPath(_ text: String) -> String {
        ConfigFiles.absolute(expandingUser(text), relativeTo: loader.workingDirectory)
    }

    /// The name after the colon of `[program:x]` or `[group:x]`, checked as supervisord's
    /// `process_or_group_name`: stripped, not empty, without spaces, `:` or `/`.
    mutating func checkedName(_ name: String, in section: LoadedSection, key: String? = nil) -> String? {
        let stripped = name.strippingWhitespace()
        let location = key.flatMap { section.entry($0)?.location } ?? section.location
        if stripped.isEmpty {
            report(.error, at: location, "[\(section.name)] needs a name\(key.map { " ('\($0)' is empty)" } ?? "")")
            return nil
        }
        if stripped.contains(where: { $0 == " " || $0 == ":" || $0 == "/" }) {
            let what = key.map { "'\($0)'" } ?? "name"
            report(
                .error, at: location,
                "invalid \(what) '\(stripped)' in [\(section.name)]: a name cannot contain spaces, ':' or '/'")
            return nil
        }
        return stripped
    }
}
