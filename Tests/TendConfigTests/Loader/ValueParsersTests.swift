import Testing

@testable import TendConfig

/// supervisord's value types; the splitting of `command` and `environment`; the `environment_file` format.
struct ValueParsersTests {
    @Test func booleansInEverySpellingAndCase() throws {
        for text in ["yes", "TRUE", "On", "1"] { #expect(try ValueParsers.boolean(text, key: "k").get()) }
        for text in ["no", "False", "OFF", "0"] { #expect(try !ValueParsers.boolean(text, key: "k").get()) }
        #expect(
            ValueParsers.boolean("maybe", key: "autostart").failureMessage
                == "invalid boolean value 'maybe' for 'autostart' (use true/false, yes/no, on/off or 1/0)")
    }

    @Test func byteSizesWithSuffixes() throws {
        #expect(try ValueParsers.byteSize("1024", key: "k").get() == 1024)
        #expect(try ValueParsers.byteSize("10KB", key: "k").get() == 10 * 1024)
        #expect(try ValueParsers.byteSize("50mb", key: "k").get() == 50 * 1024 * 1024)
        #expect(try ValueParsers.byteSize("2GB", key: "k").get() == 2 * 1024 * 1024 * 1024)
        #expect(try ValueParsers.byteSize("0", key: "k").get() == 0)
        for bad in ["1.5MB", "MB", "10 TB", "-1KB", "ten"] {
            #expect(
                ValueParsers.byteSize(bad, key: "stdout_logfile_maxbytes").failureMessage?
                    .hasPrefix("invalid size '\(bad)' for 'stdout_logfile_maxbytes'") == true)
        }
    }

    @Test func integersAsPythonReadsThem() {
        #expect(ValueParsers.pythonInteger("+5") == 5)
        #expect(ValueParsers.pythonInteger("-1") == -1)
        #expect(ValueParsers.pythonInteger("1_000") == 1000)
        #expect(ValueParsers.pythonInteger("1__0") == nil)
        #expect(ValueParsers.pythonInteger("0x10") == nil)
        #expect(
            ValueParsers.integer("-2", key: "startretries", minimum: -1).failureMessage
                == "'startretries' must be at least -1, not -2")
    }

    @Test func octalValues() throws {
        #expect(try ValueParsers.octal("022", key: "umask").get() == 0o22)
        #expect(try ValueParsers.octal("0o770", key: "chmod").get() == 0o770)
        #expect(
            ValueParsers.octal("089", key: "umask").failureMessage == "invalid octal value '089' for 'umask' (e.g. 022)"
        )
    }

    @Test func exitCodesAreACommaListFrom0To255() throws {
        #expect(try ValueParsers.exitCodes("0, 2,255").get() == [0, 2, 255])
        #expect(try ValueParsers.exitCodes("").get() == [])
        #expect(ValueParsers.exitCodes("0,256").failureMessage?.hasPrefix("invalid exit code '256'") == true)
        #expect(ValueParsers.exitCodes("0,").failureMessage?.hasPrefix("invalid exit code ''") == true)
    }

    @Test func autorestartAndSignals() throws {
        #expect(try ValueParsers.autorestart("Unexpected").get() == .unexpected)
        #expect(try ValueParsers.autorestart("yes").get() == .always)
        #expect(try ValueParsers.autorestart("off").get() == .never)
        #expect(
            ValueParsers.autorestart("sometimes").failureMessage
                == "invalid 'autorestart' value 'sometimes' (true, false or unexpected)")
        #expect(try ValueParsers.signal("sigint", key: "stopsignal").get() == .interrupt)
        #expect(try ValueParsers.signal("9", key: "stopsignal").get() == .kill)
        #expect(try ValueParsers.signal("IOT", key: "stopsignal").get() == SignalName(number: 6))
        #expect(
            ValueParsers.signal("NOPE", key: "stopsignal").failureMessage?.hasPrefix(
                "value 'NOPE' for 'stopsignal' is not a signal") == true)
    }

    @Test func inetAddresses() {
        func address(_ text: String) -> String? {
            guard case .success(let address) = ValueParsers.inetAddress(text) else { return nil }
            return "\(address.host) \(address.port)"
        }
        #expect(address("9001") == "127.0.0.1 9001")
        #expect(address("*:9001") == "0.0.0.0 9001")
        #expect(address(":9001") == "0.0.0.0 9001")
        #expect(address("LocalHost:80") == "localhost 80")
        for bad in ["host:", "0", "70000", "x"] {
            #expect(ValueParsers.inetAddress(bad).failureMessage?.hasPrefix("invalid port '\(bad)'") == true)
        }
    }

    @Test func commandsSplitAsPosixShlex() throws {
        #expect(
            try ShellWords.split(#"a 'b c' "d \"e\" \$x" f\ g''h '' "#).get() == [
                "a", "b c", #"d "e" \$x"#, "f gh", "",
            ])
        #expect(try ShellWords.split("  one\n\ttwo  ").get() == ["one", "two"])
        #expect(ShellWords.split("a 'b").failureMessage == "no closing quotation in command: a 'b")
        #expect(ShellWords.split(#"a "b"#).failureMessage?.hasPrefix("no closing quotation") == true)
        #expect(ShellWords.split(#"a\"#).failureMessage?.hasPrefix("no escaped character") == true)
    }

    @Test func environmentPairsReadAsSupervisordReadsThem() throws {
        // Each expected value is what supervisord's dict_of_key_value_pairs returns for the same text.
        let cases: [(String, [String])] = [
            ("A=1,B=2", ["A=1", "B=2"]),
            (#"A="x y",B='c,d'"#, ["A=x y", "B=c,d"]),
            ("URL=redis://localhost:6379/0", ["URL=redis://localhost:6379/0"]),
            (#"PATH="/x:/y",A=1 , B = 2"#, ["PATH=/x:/y", "A=1", "B=2"]),
            ("A=1,A=2,B=3", ["A=2", "B=3"]),
            (#"A="""#, ["A="]),
            ("A=1,", ["A=1"]),
            (##"A="#fff""##, ["A=#fff"]),
            ("A=ab#c\n,B=2", ["A=ab", "B=2"]),
        ]
        for (text, expected) in cases {
            let parsed = try KeyValuePairs.parse(text).get()
            #expect(parsed.variables.map { "\($0.name)=\($0.value)" } == expected, "\(text)")
            #expect(parsed.oddSeparators.isEmpty, "\(text)")
        }
    }

    @Test func environmentPairsThatSupervisordRefusesOrTruncates() throws {
        for text in ["A=#fff", "NAME=café,X=1", "A", "A=1,,B=2"] {
            #expect(
                KeyValuePairs.parse(text).failureMessage?.hasPrefix("unexpected end of key/value pairs") == true,
                "\(text)")
        }
        #expect(KeyValuePairs.parse(#"A="open"#).failureMessage == #"no closing quotation in 'A="open'"#)
        // supervisord reads `A=x y` as A=x and drops y: the same here, with the separator reported.
        let truncated = try KeyValuePairs.parse("A=x y").get()
        #expect(truncated.variables == [EnvironmentVariable(name: "A", value: "x")])
        #expect(truncated.oddSeparators.map(\.separator) == ["y"])
        #expect(try KeyValuePairs.parse("A=1;B=2").get().variables.count == 2)
    }

    @Test func environmentFilesInTheDotenvFormat() throws {
        let text =
            "# comment\nexport TOKEN='abc def'\nLEVEL=debug # trailing\n\nQUOTED=\"a \\\"b\\\"\\n\"\nEMPTY=\nURL=http://x/#frag\n"
        let variables = try EnvironmentFile.parse(text, path: "/e.env").get()
        #expect(
            variables.map { "\($0.name)=\($0.value)" } == [
                "TOKEN=abc def", "LEVEL=debug", "QUOTED=a \"b\"\n", "EMPTY=", "URL=http://x/#frag",
            ])
        let bad = EnvironmentFile.parse("OK=1\nnot a pair\n1X=2\nQ='open\n", path: "/e.env")
        guard case .failure(let error) = bad else {
            Issue.record("expected errors")
            return
        }
        #expect(
            error.diagnostics.map(\.description) == [
                "/e.env:2: expected KEY=value, found 'not a pair'",
                "/e.env:3: '1X' is not a variable name (letters, digits and _)",
                "/e.env:4: no closing ' quote",
            ])
    }
}
