/// Reads an `environment_file` (Tend extension): `KEY=value` lines, `#` comments and blank lines
/// ignored, an optional `export ` prefix, and values optionally in single or double quotes.
enum EnvironmentFile {
    static func read(_ path: String) -> Result<[EnvironmentVariable], ExpansionError> {
        let text: String
        switch ConfigFiles.read(path) {
        case .success(let contents): text = contents
        case .failure(let error): return .failure(ExpansionError(message: "environment_file: \(error.message)"))
        }
        var variables: [EnvironmentVariable] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingWhitespace() }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                return .failure(ExpansionError(message: "environment_file \(path):\(number + 1): expected KEY=value, found '\(line)'"))
            }
            var value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            variables.append(EnvironmentVariable(name: String(line[..<equals]).trimmingWhitespace(), value: value))
        }
        return .success(variables)
    }
}
