/// One problem found in a config file, with where it is.
public struct ConfigDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Errors stop a config from being used; warnings do not.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    /// Where the problem is; `nil` when it concerns no one line (e.g. a missing file given with `-c`).
    public var location: SourceLocation?
    /// What is wrong and, where it helps, what to write instead.
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line: message` for errors, `file:line: warning: message` for warnings.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return severity == .warning ? "\(prefix)warning: \(message)" : "\(prefix)\(message)"
    }
}

/// A config that cannot be used: every error found (and the warnings beside them).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics, errors and warnings, in file order.
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Only the errors.
    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One diagnostic a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
