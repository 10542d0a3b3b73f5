/// Python-style `%(name)s` expansion as supervisord applies it to config values: `%(name)s`,
/// `%(name)d`, `%(name)02d` (width and zero padding), and `%%` for a literal `%`.
struct Expansion: Sendable {
    var values: [String: String]

    /// The expanded text, or a message naming what could not be expanded.
    func expand(_ text: String) -> Result<String, ExpansionError> {
        guard text.contains("%") else { return .success(text) }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "%" else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else { return .failure(ExpansionError(message: "a lone '%' at the end of '\(text)' (write %% for a literal %)")) }
            if text[next] == "%" {
                output.append("%")
                index = text.index(after: next)
                continue
            }
            guard text[next] == "(", let close = text[next...].firstIndex(of: ")") else {
                return .failure(ExpansionError(message: "bad expansion in '\(text)': use %(name)s, or %% for a literal %"))
            }
            let name = String(text[text.index(after: next)..<close])
            var cursor = text.index(after: close)
            var flags = ""
            while cursor < text.endIndex, text[cursor].isNumber || text[cursor] == "-" {
                flags.append(text[cursor])
                cursor = text.index(after: cursor)
            }
            guard cursor < text.endIndex, "sdi".contains(text[cursor]) else {
                return .failure(ExpansionError(message: "bad format after %(\(name)) in '\(text)': expected s or d"))
            }
            guard let value = values[name] else {
                let known = values.keys.filter { !$0.hasPrefix("ENV_") }.sorted().joined(separator: ", ")
                return .failure(ExpansionError(message: "unknown expansion %(\(name)) in '\(text)' (known: \(known), ENV_*)"))
            }
            output += Self.format(value, flags: flags, numeric: text[cursor] != "s")
            index = text.index(after: cursor)
        }
        return .success(output)
    }

    private static func format(_ value: String, flags: String, numeric: Bool) -> String {
        guard let width = Int(flags.hasPrefix("-") ? String(flags.dropFirst()) : flags), width > value.count else {
            return value
        }
        let padding = String(repeating: numeric && flags.hasPrefix("0") ? "0" : " ", count: width - value.count)
        return flags.hasPrefix("-") ? value + padding : padding + value
    }
}

/// An expansion that could not be done.
struct ExpansionError: Error, Sendable {
    var message: String
}
