/// What ncolony's config directory holds at one moment: the programs of its valid files, and a diagnostic for
/// each file that cannot be read (which is left out; the others still run).
///
/// As ncolony: every file counts except names ending in `.new` (a file being written, renamed when complete);
/// unlike ncolony, dot files are skipped too (editors' and tools' temporary files).
public struct NcolonyDirectory: Sendable, Equatable {
    /// The settings it was read with.
    public var settings: NcolonySettings
    /// The programs, sorted by name.
    public var programs: [NcolonyProgram]
    /// One per bad file (an error naming the file) and per ignored key (a warning).
    public var diagnostics: [ConfigDiagnostic]

    /// Whether `name` (a file of either directory) is one ncolony reads: not a dot file, not a `*.new` file
    /// being written.
    public static func isProgramFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".new")
    }

    /// Reads every program file of `settings.configDirectory`; a missing directory is one error diagnostic.
    public static func read(settings: NcolonySettings, environment: [String: String]) -> NcolonyDirectory {
        let directory = settings.configDirectory
        guard ConfigFiles.isDirectory(directory) else {
            let problem = ConfigDiagnostic(
                .error, at: SourceLocation(file: directory, line: 0), "the ncolony config directory does not exist")
            return NcolonyDirectory(settings: settings, programs: [], diagnostics: [problem])
        }
        var programs: [NcolonyProgram] = []
        var diagnostics: [ConfigDiagnostic] = []
        for path in ConfigFiles.glob(globEscaped(directory) + "/*") {
            let name = String(path.split(separator: "/").last ?? "")
            guard isProgramFileName(name), !ConfigFiles.isDirectory(path) else { continue }
            switch ConfigFiles.read(path) {
            case .failure(let error):
                diagnostics.append(ConfigDiagnostic(.error, at: SourceLocation(file: path, line: 0), error.message))
            case .success(let text):
                do throws(ConfigError) {
                    let program = try NcolonyProgram.read(
                        name: name, path: path, text: text, settings: settings, environment: environment)
                    programs.append(program)
                    diagnostics += program.warnings
                } catch {
                    diagnostics += error.diagnostics
                }
            }
        }
        return NcolonyDirectory(
            settings: settings, programs: programs.sorted { $0.spec.name < $1.spec.name }, diagnostics: diagnostics)
    }

    /// The programs as one-program groups, for the supervisor's configuration.
    public var groups: [GroupSpec] {
        programs.map { GroupSpec(name: $0.spec.name, priority: $0.spec.priority, kind: .ncolony, programs: [$0.spec]) }
    }

    /// The names of the programs that list `group` in their `group` key.
    public func members(ofRestartGroup group: String) -> [String] {
        programs.filter { $0.restartGroups.contains(group) }.map(\.spec.name)
    }

    private static func globEscaped(_ path: String) -> String {
        var out = ""
        for character in path {
            if "*?[]\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
