/// Parses supervisord's INI dialect: Python 3's `RawConfigParser` configured as supervisord 4.3 configures
/// it (`inline_comment_prefixes=(';', '#')`, `strict=False`), with Tend's stricter handling of duplicates.
///
/// Rules, line by line (a line ends at `\n`, `\r\n` or `\r`; a leading UTF-8 byte-order mark is ignored):
/// - **Comments.** A line whose first non-blank character is `;` or `#` is a comment. An inline comment
///   starts at a `;` or `#` that opens the line or follows whitespace and runs to the end of the line:
///   `a = 1 ; note` is `1`, `a = x;y` keeps its `;`, and `a = #fff` is empty, exactly as in supervisord.
///   (Python looks for the n-th `;` and the n-th `#` in rounds and stops at the first round that finds a
///   comment; this parser does the same, so even the oddities match.)
/// - **Blank lines** (and lines that are only a comment) are skipped. A blank line inside a multi-line
///   value adds an empty line to it; a comment-only line does not.
/// - **Continuation.** A line indented deeper than the line that opened the current key continues its
///   value: its text (stripped) is appended on a new line. Anything else starts a new header or key.
/// - **Section headers.** `[name]`: the name is everything between the first `[` and the last `]`,
///   as written, case-sensitive, and not empty; text after the last `]` is ignored with a warning.
///   `[DEFAULT]` holds entries that every section inherits.
/// - **Keys.** `key = value` or `key: value`: the first `=` or `:` splits; the key is stripped and
///   lower-cased and must not be empty; the value is stripped. A multi-line value is joined with `\n`
///   and trailing whitespace is removed.
/// - **Errors** (each reported with `file:line`, parsing goes on): a key line before any section; a line
///   that is neither a header nor `key = value`; an empty key; a section defined twice in one file; a key
///   given twice in one section. supervisord merges duplicates silently (last wins); Tend refuses them,
///   because a silent override is almost always a mistake. The first definition is kept.
struct INIParser {
    /// What the current line continues, if it is indented deeper than `indentLevel`.
    private enum Target {
        /// No key is open (at the start, after a header, or after a line with an empty key).
        case none
        /// The key at this index of the current section's entries.
        case entry(Int)
        /// The key at this index of the document's defaults.
        case defaultEntry(Int)
        /// A key that was refused; its continuation lines are dropped.
        case discarded
    }

    private var document: INIDocument
    private var diagnostics: [ConfigDiagnostic] = []
    /// Every line of each open value (joined at the end).
    private var currentLines: [String] = []
    private var sectionIndex: Int?
    /// Where each section defined so far is in `document.sections`, by name (a file may have hundreds).
    private var sectionsByName: [String: Int] = [:]
    private var inDefaults = false
    private var target = Target.none
    private var indentLevel = 0
    private var sawSectionHeader = false
    private var reportedMissingHeader = false

    /// Parses `text`, read from `file`.
    /// - Returns: the document and every problem found, in line order.
    static func parse(_ text: String, file: String) -> (document: INIDocument, diagnostics: [ConfigDiagnostic]) {
        var parser = INIParser(file: file)
        var lineNumber = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        for line in body.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            lineNumber += 1
            parser.parseLine(Array(line), at: SourceLocation(file: file, line: lineNumber))
        }
        parser.closeValue()
        return (parser.document, parser.diagnostics)
    }

    private init(file: String) {
        self.document = INIDocument(file: file)
    }

    private mutating func parseLine(_ line: [Character], at location: SourceLocation) {
        let commentStart = Self.commentStart(in: line)
        let value = String(line[..<(commentStart ?? line.count)]).strippingWhitespace()
        if value.isEmpty {
            if commentStart == nil, case .entry = target { currentLines.append("") }
            if commentStart == nil, case .defaultEntry = target { currentLines.append("") }
            return
        }
        let indent = line.firstIndex { !$0.isINIWhitespace } ?? 0
        if isValueOpen, indent > indentLevel {
            if case .discarded = target { return }
            currentLines.append(value)
            return
        }
        indentLevel = indent
        if value.first == "[", let close = value.lastIndex(of: "]"), value.index(after: value.startIndex) < close {
            closeValue()
            openSection(String(value[value.index(after: value.startIndex)..<close]), at: location)
            let rest = value[value.index(after: close)...].strippingWhitespace()
            if !rest.isEmpty {
                diagnostics.append(.init(.warning, at: location, "text after the section header is ignored: '\(rest)'"))
            }
            return
        }
        guard sawSectionHeader else {
            if !reportedMissingHeader {
                reportedMissingHeader = true
                diagnostics.append(.init(.error, at: location, "'\(value)' comes before any [section] header"))
            }
            return
        }
        guard let separator = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            // As in Python, the open value stays open: deeper-indented lines after this one still continue it.
            diagnostics.append(
                .init(.error, at: location, "expected 'key = value' or a [section] header, found '\(value)'"))
            return
        }
        closeValue()
        let key = value[..<separator].strippingWhitespace().lowercased()
        let text = value[value.index(after: separator)...].strippingWhitespace()
        guard !key.isEmpty else {
            diagnostics.append(
                .init(.error, at: location, "a key is missing before '\(value[separator])' in '\(value)'"))
            return
        }
        addEntry(INIDocument.Entry(key: key, value: text, location: location))
    }

    private var isValueOpen: Bool {
        if case .none = target { return false }
        return true
    }

    private mutating func openSection(_ name: String, at location: SourceLocation) {
        sawSectionHeader = true
        target = .none
        if name == "DEFAULT" {
            inDefaults = true
            sectionIndex = nil
            return
        }
        inDefaults = false
        if let earlier = sectionsByName[name].map({ document.sections[$0] }) {
            diagnostics.append(
                .init(.error, at: location, "section [\(name)] is already defined at \(earlier.location)"))
            sectionIndex = nil
            return
        }
        document.sections.append(INIDocument.Section(name: name, location: location, entries: []))
        sectionIndex = document.sections.count - 1
        sectionsByName[name] = sectionIndex
    }

    private mutating func addEntry(_ entry: INIDocument.Entry) {
        if inDefaults {
            if let earlier = document.defaults.first(where: { $0.key == entry.key }) {
                diagnostics.append(
                    .init(
                        .error, at: entry.location,
                        "'\(entry.key)' is set twice in [DEFAULT] (first at line \(earlier.location.line))"))
                target = .discarded
                return
            }
            document.defaults.append(entry)
            target = .defaultEntry(document.defaults.count - 1)
        } else if let index = sectionIndex {
            let section = document.sections[index]
            if let earlier = section.entry(entry.key) {
                diagnostics.append(
                    .init(
                        .error, at: entry.location,
                        "'\(entry.key)' is set twice in [\(section.name)] (first at line \(earlier.location.line))"))
                target = .discarded
                return
            }
            document.sections[index].entries.append(entry)
            target = .entry(document.sections[index].entries.count - 1)
        } else {
            // The entries of a refused duplicate section are dropped with it.
            target = .discarded
            return
        }
        currentLines = [entry.value]
    }

    /// Joins the lines of the open value into its entry.
    private mutating func closeValue() {
        let joined = currentLines.joined(separator: "\n").strippingTrailingWhitespace()
        switch target {
        case .entry(let index):
            if let section = sectionIndex { document.sections[section].entries[index].value = joined }
        case .defaultEntry(let index): document.defaults[index].value = joined
        case .none, .discarded: break
        }
        currentLines = []
        target = .none
    }

    /// Where a comment starts in `line`, as Python's `RawConfigParser` finds it with supervisord's settings.
    static func commentStart(in line: [Character]) -> Int? {
        if let first = line.first(where: { !$0.isINIWhitespace }), first == ";" || first == "#" {
            return 0
        }
        // Most lines have no comment character at all: then there is nothing to search in rounds.
        guard line.contains(where: { $0 == ";" || $0 == "#" }) else { return nil }
        // Python searches the n-th occurrence of each prefix in rounds and stops at the first round in
        // which one of them follows whitespace (or opens the line).
        var positions: [Character: Int] = [";": -1, "#": -1]
        while !positions.isEmpty {
            var next: [Character: Int] = [:]
            var found: Int?
            for (prefix, position) in positions {
                guard let index = line[(position + 1)...].firstIndex(of: prefix) else { continue }
                next[prefix] = index
                if index == 0 || line[index - 1].isINIWhitespace { found = min(found ?? index, index) }
            }
            if let found { return found }
            positions = next
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (any Unicode whitespace, as Python's `str.strip()`).
    func strippingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isINIWhitespace }),
            let end = lastIndex(where: { !$0.isINIWhitespace })
        else {
            return ""
        }
        return String(self[start...end])
    }

    /// The text without trailing whitespace (Python's `str.rstrip()`).
    func strippingTrailingWhitespace() -> String {
        guard let end = lastIndex(where: { !$0.isINIWhitespace }) else { return "" }
        return String(self[...end])
    }
}

extension Character {
    /// `isWhitespace`, answered without a Unicode property lookup for ASCII (tab, line feed, vertical tab, form
    /// feed, carriage return, space — and `\r\n`, whose ASCII value is a line feed): the parser asks this of every
    /// character of a config file.
    var isINIWhitespace: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}
