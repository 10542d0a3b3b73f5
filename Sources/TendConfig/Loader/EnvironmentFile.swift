/// Reads an `environment_file` (a Tend extension): the dotenv format that Docker, systemd and shells share.
///
/// Each line is `KEY=value` or `export KEY=value`; blank lines and lines starting with `#` are skipped.
/// `KEY` is letters, digits and `_`, not starting with a digit. A value in single quotes is literal; in
/// double quotes `\"`, `\\`, `\$`, `\n` and `\t` are escapes; an unquoted value ends at ` #` (a comment)
/// and is stripped. Nothing is expanded. A later line for the same key replaces the earlier value.
enum EnvironmentFile {
    /// The variables of the file's text, or the problems found, each at its line of `path`.
    static func parse(_ text: String, path: String) -> Result<[EnvironmentVariable], ConfigError> {
        var variables: [EnvironmentVariable] = []
        var problems: [ConfigDiagnostic] = []
        let lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, rawLine) in lines.enumerated() {
            let location = SourceLocation(file: path, line: index + 1)
            var line = rawLine.strippingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export "), line.dropFirst(7).contains("=") {
                line = line.dropFirst(7).strippingWhitespace()
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(.init(.error, at: location, "expected KEY=value, found '\(line)'"))
                continue
            }
            let name = line[..<equals].strippingWhitespace()
            guard isVariableName(name) else {
                problems.append(.init(.error, at: location, "'\(name)' is not a variable name (letters, digits and _)"))
                continue
            }
            switch value(of: line[line.index(after: equals)...].strippingWhitespace()) {
            case .success(let value): variables.setVariable(EnvironmentVariable(name: name, value: value))
            case .failure(let error): problems.append(.init(.error, at: location, error.message))
            }
        }
        return problems.isEmpty ? .success(variables) : .failure(ConfigError(diagnostics: problems))
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func value(of text: String) -> Result<String, ConfigValueError> {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            // An unquoted value ends where a comment starts.
            var result = ""
            var previous: Character = " "
            for character in text {
                if character == "#" && previous.isWhitespace { break }
                result.append(character)
                previous = character
            }
            return .success(result.strippingWhitespace())
        }
        var result = ""
        var iterator = text.dropFirst().makeIterator()
        while let character = iterator.next() {
            if character == quote {
                let rest = String(iterator.map { $0 }).strippingWhitespace()
                guard rest.isEmpty || rest.hasPrefix("#") else {
                    return .failure(ConfigValueError("unexpected text after the closing quote: '\(rest)'"))
                }
                return .success(result)
            }
            if quote == "\"", character == "\\", let escaped = iterator.next() {
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\", "$": result.append(escaped)
                default: result += "\\" + String(escaped)
                }
                continue
            }
            result.append(character)
        }
        return .failure(ConfigValueError("no closing \(quote) quote"))
    }
}
