/// A parsed INI file in supervisord's dialect (Python's `RawConfigParser` as supervisord configures it).
///
/// Rules:
/// - `[name]` starts a section; a section name may appear once across all loaded files.
/// - `key = value` or `key: value` (the first `=` or `:` splits); keys are case-insensitive
///   (stored lower-cased) and may appear once per section.
/// - A line that starts with whitespace continues the previous value (joined with a newline).
/// - Lines whose first non-blank character is `;` or `#` are comments; so is the rest of a line from
///   a `;` or `#` that follows whitespace (an inline comment).
/// - Blank lines are ignored. Anything else is an error naming the line.
struct INIDocument: Sendable {
    /// One `key = value` with where it was written.
    struct Entry: Sendable {
        var key: String
        var value: String
        var location: SourceLocation
    }

    /// One `[section]`, its entries in file order.
    struct Section: Sendable {
        var name: String
        var location: SourceLocation
        var entries: [Entry]

        /// The entry for `key` (lower-case), if written.
        func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    var sections: [Section] = []

    /// Parses `text` read from `file`; problems are appended to `diagnostics`.
    init(text: String, file: String, diagnostics: inout [ConfigDiagnostic]) {
        var current: Section?
        var lastKey: Int?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let location = SourceLocation(file: file, line: lineNumber)
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix(";") || trimmed.hasPrefix("#") { continue }
            if let first = line.first, first == " " || first == "\t", let index = lastKey, current != nil {
                current!.entries[index].value += "\n" + Self.stripInlineComment(trimmed)
                continue
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") || Self.stripInlineComment(trimmed).hasSuffix("]") else {
                    diagnostics.append(.init(.error, at: location, "section header is missing its closing ']': \(trimmed)"))
                    continue
                }
                if let section = current { sections.append(section) }
                let header = Self.stripInlineComment(trimmed)
                let name = String(header.dropFirst().dropLast()).trimmingWhitespace()
                current = Section(name: name, location: location, entries: [])
                lastKey = nil
                continue
            }
            guard current != nil else {
                diagnostics.append(.init(.error, at: location, "'\(trimmed)' is outside any [section]"))
                continue
            }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                diagnostics.append(.init(.error, at: location, "expected 'key = value', found '\(trimmed)'"))
                lastKey = nil
                continue
            }
            let key = String(trimmed[..<separator]).trimmingWhitespace().lowercased()
            let value = Self.stripInlineComment(String(trimmed[trimmed.index(after: separator)...])).trimmingWhitespace()
            if current!.entries.contains(where: { $0.key == key }) {
                diagnostics.append(.init(.error, at: location, "'\(key)' is set twice in [\(current!.name)]"))
                lastKey = nil
                continue
            }
            current!.entries.append(Entry(key: key, value: value, location: location))
            lastKey = current!.entries.count - 1
        }
        if let section = current { sections.append(section) }
    }

    /// Removes a `;` or `#` comment that follows whitespace.
    static func stripInlineComment(_ text: String) -> String {
        var previous: Character = "x"
        for index in text.indices {
            let character = text[index]
            if (character == ";" || character == "#") && (previous == " " || previous == "\t") {
                return String(text[..<index]).trimmingWhitespace()
            }
            previous = character
        }
        return text
    }
}
