import Testing

@testable import TendConfig

/// The INI dialect, checked against what Python's `RawConfigParser` (as supervisord 4.3 sets it up) reads.
struct INIParserTests {
    private func parse(_ text: String) -> (INIDocument, [String]) {
        let (document, diagnostics) = INIParser.parse(text, file: "t.conf")
        return (document, diagnostics.map(\.description))
    }

    private func values(_ text: String, section: String = "a") -> [String: String] {
        let (document, _) = parse(text)
        let entries = document.sections.first { $0.name == section }?.entries ?? []
        return Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func keysAreLowerCasedAndSplitAtTheFirstEqualsOrColon() {
        let result = values("[a]\nCommand = /bin/echo a=b\nURL: http://x:80/\nempty =\n")
        #expect(result == ["command": "/bin/echo a=b", "url": "http://x:80/", "empty": ""])
    }

    @Test func sectionNamesAreCaseSensitiveAndKeepWhatIsBetweenTheBrackets() {
        let (document, diagnostics) = parse("[Program:Web]\nx=1\n[group:a]b]\ny=2\n")
        #expect(document.sections.map(\.name) == ["Program:Web", "group:a]b"])
        #expect(document.sections[0].kind == "Program" && document.sections[0].argument == "Web")
        #expect(diagnostics.isEmpty)
    }

    @Test func inlineCommentsStartAtASemicolonOrHashAfterWhitespace() {
        // Expected values are Python's for the same text.
        let result = values("[a]\nx = 1 ; c\ny = a;b\nz = #fff\nw = a;b #c ;d\nt = 1\t# tab\n")
        #expect(result == ["x": "1", "y": "a;b", "z": "", "w": "a;b", "t": "1"])
    }

    @Test func fullLineCommentsAndBlankLinesAreSkipped() {
        let (document, diagnostics) = parse("; top\n# also\n\n[a] ; header comment\n  ; indented comment\nx = 1\n")
        #expect(document.sections.map(\.name) == ["a"])
        #expect(document.sections[0].entries.map(\.value) == ["1"])
        #expect(diagnostics.isEmpty)
    }

    @Test func deeperIndentedLinesContinueTheValueAndBlankLinesStayInIt() {
        // Python: {'v': 'q\ncont\n\nmore\nlast'}; the comment line adds nothing.
        let result = values("[a]\nv: q\n  cont\n\n  more\n  ; comment\n  last\n\nnext = 2\n")
        #expect(result == ["v": "q\ncont\n\nmore\nlast", "next": "2"])
    }

    @Test func linesIndentedLikeTheKeyAreNewKeysNotContinuations() {
        #expect(values("[a]\n  x = 1\n  y = 2\n") == ["x": "1", "y": "2"])
        #expect(values("[a]\n  x = 1\n    more\n  y = 2\n") == ["x": "1\nmore", "y": "2"])
    }

    @Test func windowsAndOldMacLineEndingsAndAByteOrderMark() {
        let (document, diagnostics) = parse("\u{FEFF}[a]\r\nx = 1\r\n  two\ry = 2\r")
        #expect(document.sections.first?.entries.map(\.value) == ["1\ntwo", "2"])
        #expect(document.sections.first?.entries.map(\.location.line) == [2, 4])
        #expect(diagnostics.isEmpty)
    }

    @Test func everyEntryRemembersItsLine() {
        let (document, _) = parse("\n[a]\n\nx = 1\n  cont\ny = 2\n")
        #expect(document.sections[0].location == SourceLocation(file: "t.conf", line: 2))
        #expect(document.sections[0].entries.map(\.location.line) == [4, 6])
    }

    @Test func duplicateSectionsAndKeysAreErrorsAndTheFirstIsKept() {
        let (document, diagnostics) = parse("[a]\nx = 1\nx = 2\n  cont\n[b]\n[a]\ny = 3\n")
        #expect(
            diagnostics == [
                "t.conf:3: 'x' is set twice in [a] (first at line 2)",
                "t.conf:6: section [a] is already defined at t.conf:1",
            ])
        #expect(document.sections.map(\.name) == ["a", "b"])
        #expect(document.sections[0].entries.map(\.value) == ["1"])
    }

    @Test func malformedLinesAreErrorsWithTheirLine() {
        let (_, diagnostics) = parse("x = 0\n[a]\nno separator here\n= value\n[]\n")
        #expect(
            diagnostics == [
                "t.conf:1: 'x = 0' comes before any [section] header",
                "t.conf:3: expected 'key = value' or a [section] header, found 'no separator here'",
                "t.conf:4: a key is missing before '=' in '= value'",
                "t.conf:5: expected 'key = value' or a [section] header, found '[]'",
            ])
    }

    @Test func textAfterASectionHeaderIsIgnoredWithAWarning() {
        let (document, diagnostics) = parse("[a] trailing\nx=1\n")
        #expect(document.sections.map(\.name) == ["a"])
        #expect(diagnostics == ["t.conf:1: warning: text after the section header is ignored: 'trailing'"])
    }

    @Test func defaultSectionEntriesAreKeptApart() {
        let (document, _) = parse("[DEFAULT]\nd = 1\n[a]\nx = 1\n")
        #expect(document.sections.map(\.name) == ["a"])
        #expect(document.defaults.map(\.key) == ["d"])
    }

    @Test func commentStartFollowsPythonsRounds() {
        #expect(INIParser.commentStart(in: Array("x = a;b #c ;d")) == 8)
        #expect(INIParser.commentStart(in: Array("x = a;b")) == nil)
        #expect(INIParser.commentStart(in: Array("   # full line")) == 0)
        #expect(INIParser.commentStart(in: Array("#first")) == 0)
    }
}
