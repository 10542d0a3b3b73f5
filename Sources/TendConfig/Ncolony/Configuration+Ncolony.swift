extension Configuration {
    /// The names of the groups that come from ncolony's config directory.
    public var ncolonyGroupNames: [String] { groups.filter { $0.kind == .ncolony }.map(\.name) }

    /// Replaces the ncolony groups with the programs of `directory`.
    ///
    /// A file named as a group of the config file is left out (the config file wins); the directory's bad files
    /// are left out too: a broken file never stops the rest.
    /// - Returns: what was left out and the unknown keys, as warnings naming the files.
    public mutating func replaceNcolonyPrograms(with directory: NcolonyDirectory) -> [ConfigDiagnostic] {
        groups.removeAll { $0.kind == .ncolony }
        let taken = Set(groups.map(\.name))
        var problems = directory.diagnostics.map { problem in
            problem.severity == .warning
                ? problem : ConfigDiagnostic(.warning, at: problem.location, "skipped: \(problem.message)")
        }
        for group in directory.groups {
            guard !taken.contains(group.name) else {
                let location = SourceLocation(file: directory.settings.configDirectory + "/" + group.name, line: 1)
                problems.append(
                    ConfigDiagnostic(
                        .warning, at: location, "skipped: the config file already has a group '\(group.name)'"))
                continue
            }
            groups.append(group)
        }
        groups.sort { ($0.priority, $0.name) < ($1.priority, $1.name) }
        return problems
    }
}
