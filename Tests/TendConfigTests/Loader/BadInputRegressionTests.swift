import Testing

@testable import TendConfig

/// What the config fuzzer of the reliability suite (`ConfigFuzzTests`) found, one case each: the loader once
/// trapped on these files or printed an error over several lines.
struct BadInputRegressionTests {
    @Test func aScheduledProgramWithAHugeGraceIsAnErrorNotACrash() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:nightly]
            command = /bin/true
            schedule = every 10s
            timeout = 5
            grace = 1e300
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):5: invalid value '1e300' for 'grace': at most 1000000000 seconds (about 31 years)"
            ])
    }

    @Test func everySecondsValueIsBoundedSoItCanBecomeADuration() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:web]
            command = /bin/true
            backoff_max = 1000000001

            [task:solve]
            command = /bin/cat
            timeout = 1e308
            result_ttl = 1000000000
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):3: invalid value '1000000001' for 'backoff_max': at most 1000000000 seconds (about 31 years)",
                "\(path):7: invalid value '1e308' for 'timeout': at most 1000000000 seconds (about 31 years)",
            ])
    }

    @Test func anEveryScheduleTooLongForMillisecondsIsAnErrorNotACrash() {
        #expect(Schedule.duration(String(repeating: "9", count: 400) + "s") == nil)
        #expect(Schedule.duration("99999999999999999999d") == nil)
        #expect(Schedule.duration("1h30m") == 5_400_000)
    }

    @Test func anErrorQuotingAMultiLineValueStaysOneLine() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:web]
            command = /bin/true
            autostart = true
              [program:other]
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):3: invalid boolean value 'true\\n[program:other]' for 'autostart' (use true/false, yes/no, on/off or 1/0)"
            ])
    }

    @Test func controlCharactersInAMessageAreEscaped() {
        let diagnostic = ConfigDiagnostic(.error, at: SourceLocation(file: "f", line: 1), "a\r\nb\u{0}c\td\u{85}")
        #expect(diagnostic.description == "f:1: a\\r\\nb\\x00c\td\\x85")
    }
}
