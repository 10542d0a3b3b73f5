import Testing

@testable import TendConfig

/// `schedule` and its keys in `[program:x]`, `[tend] scheduler`, and ncolony-scheduler files.
struct ScheduleSectionTests {
    @Test func intervalsParseInEveryUnitAndTheirSum() throws {
        #expect(try Schedule.parse("every 10s") == .every(milliseconds: 10_000))
        #expect(try Schedule.parse("every 5m") == .every(milliseconds: 300_000))
        #expect(try Schedule.parse("Every 1h30m") == .every(milliseconds: 5_400_000))
        #expect(try Schedule.parse("every 250ms") == .every(milliseconds: 250))
        #expect(try Schedule.parse("every 1d") == .every(milliseconds: 86_400_000))
        #expect(try Schedule.parse("every 1h30m").description == "every 1h30m")
        for bad in ["every", "every 10", "every 0s", "every 10x", "every -1s", "every s"] {
            #expect(throws: ScheduleError.self, "\(bad)") { try Schedule.parse(bad) }
        }
    }

    @Test func aScheduledProgramRunsOnlyOnItsTicksWithItsTimeoutAndGrace() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let configuration = try fixture.load(
            "tend.conf",
            """
            [program:report]
            command = /bin/echo hi
            schedule = every 10s
            timeout = 5
            grace = 2.5
            overlap = queue
            jitter = 3
            misfire = run_once

            [program:nightly]
            command = /bin/true
            schedule = 0 3 * * *
            schedule_timezone = Europe/Paris

            [tend]
            scheduler = false
            """)
        let report = try #require(configuration.programs.first { $0.name == "report" })
        let settings = try #require(report.schedule)
        #expect(settings.schedule == .every(milliseconds: 10_000) && settings.timeout == 5)
        #expect(settings.overlap == .queue && settings.jitter == 3 && settings.misfire == .runOnce)
        #expect(!report.autostart && report.autorestart == .never && report.startSecs == 0)
        #expect(report.stopWaitSecs == 3 && report.stopAsGroup && report.killAsGroup)
        let nightly = try #require(configuration.programs.first { $0.name == "nightly" }?.schedule)
        #expect(nightly.timeZone == "Europe/Paris" && nightly.overlap == .skip && nightly.misfire == .skip)
        #expect(configuration.tend.scheduler == false)
    }

    @Test func badScheduleKeysAreErrorsWithTheirLines() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "tend.conf",
            """
            [program:a]
            command = /bin/true
            schedule = every often

            [program:b]
            command = /bin/true
            timeout = 5

            [program:c]
            command = /bin/true
            schedule = every 1m
            grace = 5

            [program:d]
            command = /bin/true
            schedule = * * * * *
            overlap = sometimes
            schedule_timezone = Mars/Olympus
            """)
        #expect(
            fixture.errors("tend.conf") == [
                "\(path):3: invalid 'schedule': invalid interval 'every often': 'every' and a duration such as 10s, 5m or 1h30m",
                "\(path):7: 'timeout' needs 'schedule': only a scheduled program has it",
                "\(path):12: 'grace' needs 'timeout': it is the time from the timeout's signal to SIGKILL",
                "\(path):17: invalid value 'sometimes' for 'overlap': one of skip, queue, allow",
                "\(path):18: unknown time zone 'Mars/Olympus' for 'schedule_timezone' (an IANA name such as Europe/Paris)",
            ])
    }

    @Test func anNcolonySchedulerFileBecomesANativeScheduledProgram() throws {
        let text =
            #"{"args": ["python", "-m", "twisted", "ncolony-scheduler", "--arg=echo", "--arg", "hello", "--frequency=10", "--timeout=5", "--grace=10"]}"#
        let settings = NcolonySettings(configDirectory: "/c", messagesDirectory: "/m")
        let program = try NcolonyProgram.read(
            name: "echo", path: "/c/echo", text: text, settings: settings, environment: [:])
        #expect(program.spec.arguments == ["echo", "hello"])
        #expect(program.spec.schedule?.schedule == .every(milliseconds: 10_000) && program.spec.schedule?.timeout == 5)
        #expect(program.spec.stopWaitSecs == 10 && !program.spec.autostart && program.spec.autorestart == .never)
        let incomplete = #"{"args": ["python", "-m", "twisted", "ncolony-scheduler", "--arg=echo", "--frequency=10"]}"#
        let plain = try NcolonyProgram.read(
            name: "echo", path: "/c/echo", text: incomplete, settings: settings, environment: [:])
        #expect(plain.spec.schedule == nil && plain.spec.arguments.count == 6)
    }
}
