/// One load of a config: reads the main file and its includes, then turns sections into the model,
/// collecting every diagnostic on the way (see `ConfigLoader`).
struct ConfigBuilder {
    let loader: ConfigLoader
    let path: String
    var diagnostics: [ConfigDiagnostic] = []
    /// Every section read, with the directory of its file (`%(here)s`).
    var sections: [(section: INIDocument.Section, here: String)] = []
    var files: [String] = []

    init(loader: ConfigLoader, path: String) {
        self.loader = loader
        self.path = path
    }

    mutating func build() -> Configuration {
        read(path, includedFrom: nil)
        var daemon = DaemonSettings(workingDirectory: loader.workingDirectory, temporaryDirectory: ConfigFiles.temporaryDirectory)
        var configuration = Configuration(path: path, daemon: daemon)
        for (section, here) in sections {
            let kind = section.name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? section.name
            switch kind {
            case "supervisord": daemon = readDaemon(section, here: here)
            case "unix_http_server": configuration.unixServer = readUnixServer(section, here: here)
            case "inet_http_server": configuration.inetServer = readInetServer(section, here: here)
            case "supervisorctl": configuration.control = readControl(section, here: here)
            case "program", "group", "eventlistener", "include", "task": break
            case "rpcinterface", "ctlplugin": break
            case "tend": readTend(section, here: here)
            case "fcgi-program":
                diagnostics.append(.init(.error, at: section.location, "[\(section.name)]: fcgi-program sections are not supported by Tend; run the FastCGI server as a [program:x]"))
            default:
                diagnostics.append(.init(.error, at: section.location, "unknown section [\(section.name)]"))
            }
        }
        configuration.daemon = daemon
        configuration.groups = readGroups(daemon: daemon)
        configuration.files = files
        return configuration
    }

    /// Reads a file and, depth first, the files its `[include]` names.
    private mutating func read(_ file: String, includedFrom: SourceLocation?) {
        guard !files.contains(file) else {
            diagnostics.append(.init(.error, at: includedFrom, "\(file) is included twice"))
            return
        }
        let text: String
        switch ConfigFiles.read(file) {
        case .success(let contents): text = contents
        case .failure(let error):
            diagnostics.append(.init(.error, at: includedFrom, error.message))
            return
        }
        files.append(file)
        let document = INIDocument(text: text, file: file, diagnostics: &diagnostics)
        let here = ConfigFiles.directoryName(file)
        for section in document.sections {
            if let earlier = sections.first(where: { $0.section.name == section.name }) {
                diagnostics.append(.init(.error, at: section.location, "section [\(section.name)] is already defined at \(earlier.section.location)"))
                continue
            }
            sections.append((section, here))
            guard section.name == "include" else { continue }
            checkKeys(section, known: ["files"])
            guard let files = section.entry("files") else {
                diagnostics.append(.init(.error, at: section.location, "[include] has no 'files' value"))
                continue
            }
            guard let expanded = expand(files, Expansion(values: loader.baseExpansions(here: here))) else { continue }
            for pattern in expanded.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
                let absolute = ConfigFiles.absolute(String(pattern), relativeTo: here)
                let matches = ConfigFiles.glob(absolute)
                if matches.isEmpty {
                    diagnostics.append(.init(.warning, at: files.location, "[include] pattern '\(pattern)' matches no file"))
                }
                for match in matches { read(match, includedFrom: files.location) }
            }
        }
    }

    /// Puts diagnostics in file order (files in the order they were read, then by line).
    mutating func sortDiagnostics() {
        let order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        diagnostics = diagnostics.enumerated().sorted { left, right in
            let l = (order[left.element.location?.file ?? ""] ?? -1, left.element.location?.line ?? 0, left.offset)
            let r = (order[right.element.location?.file ?? ""] ?? -1, right.element.location?.line ?? 0, right.offset)
            return l < r
        }.map(\.element)
    }

    // MARK: Helpers shared by the section readers

    /// Warns about keys the section does not know.
    mutating func checkKeys(_ section: INIDocument.Section, known: Set<String>) {
        for entry in section.entries where !known.contains(entry.key) {
            diagnostics.append(.init(.warning, at: entry.location, "unknown key '\(entry.key)' in [\(section.name)]"))
        }
    }

    /// The expanded value of an entry, or `nil` after recording the error.
    mutating func expand(_ entry: INIDocument.Entry, _ expansion: Expansion) -> String? {
        switch expansion.expand(entry.value) {
        case .success(let value): return value
        case .failure(let error):
            diagnostics.append(.init(.error, at: entry.location, "'\(entry.key)': \(error.message)"))
            return nil
        }
    }

    /// Parses an entry (after expansion) with `parse`; `nil` when absent or after recording an error.
    mutating func value<T>(
        _ section: INIDocument.Section, _ key: String, _ expansion: Expansion,
        _ parse: (String) -> Result<T, ExpansionError>
    ) -> T? {
        guard let entry = section.entry(key), let text = expand(entry, expansion) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let error):
            diagnostics.append(.init(.error, at: entry.location, error.message))
            return nil
        }
    }

    /// A plain string value (expanded).
    mutating func string(_ section: INIDocument.Section, _ key: String, _ expansion: Expansion) -> String? {
        value(section, key, expansion) { .success($0) }
    }

    /// A log or pid file path: `NONE` is `nil`; otherwise its directory must exist, as supervisord checks.
    mutating func filePath(_ section: INIDocument.Section, _ key: String, _ expansion: Expansion, here: String) -> String?? {
        guard let entry = section.entry(key), let text = expand(entry, expansion) else { return .none }
        if text.uppercased() == "NONE" { return .some(nil) }
        let absolute = ConfigFiles.absolute(text, relativeTo: loader.workingDirectory)
        if !ConfigFiles.isDirectory(ConfigFiles.directoryName(absolute)) {
            diagnostics.append(.init(.error, at: entry.location, "the directory named as part of the path \(text) does not exist"))
        }
        return .some(absolute)
    }
}
