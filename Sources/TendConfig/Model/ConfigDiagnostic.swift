/// One problem found in a config file, with where it is.
public struct ConfigDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Errors stop a config from being used; warnings do not.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    /// Where the problem is; `nil` when it concerns no one line (e.g. a missing file given with `-c`).
    public var location: SourceLocation?
    /// What is wrong and, where it helps, what to write instead: one line (see `init`).
    public var message: String

    /// A diagnostic; line breaks and other control characters in `message` (a quoted value read from a
    /// multi-line entry, or garbage in the file) are written as escapes (`\n`, `\r`, `\x00`), so that each
    /// diagnostic stays one `file:line: message` line.
    public init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = Self.singleLine(message)
    }

    /// `text` with line breaks and control characters other than tab escaped.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isEscaped) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case _ where isEscaped(scalar):
                let hex = String(scalar.value, radix: 16)
                result +=
                    scalar.value < 0x100 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls but tab, DEL, and the Unicode line and paragraph separators.
    private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
            || scalar.value == 0x2029
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
