import Testing

@testable import TendConfig

/// `[program:x]` keys, `numprocs` and every expansion.
struct ProgramSectionTests {
    @Test func everyProgramKey() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("logs")
        let config = try fixture.load(
            "a.conf",
            """
            [program:web]
            command = /usr/bin/env python3 -m http.server 8000
            priority = 5
            autostart = false
            autorestart = unexpected
            startsecs = 0
            startretries = -1
            exitcodes = 0,2
            stopsignal = QUIT
            stopwaitsecs = 30
            stopasgroup = true
            user = root
            redirect_stderr = false
            stdout_logfile = logs/web.out
            stdout_logfile_maxbytes = 10KB
            stdout_logfile_backups = 0
            stdout_capture_maxbytes = 1MB
            stdout_events_enabled = true
            stderr_logfile = NONE
            stderr_logfile_maxbytes = 0
            stderr_logfile_backups = 2
            stderr_capture_maxbytes = 0
            stderr_events_enabled = false
            environment = LANG="C.UTF-8"
            directory = /srv/web
            umask = 002
            serverurl = AUTO
            backoff_max = 2.5
            liveness_probe = http http://localhost:8000/
            liveness_interval = 5
            liveness_timeout = 2
            liveness_failure_threshold = 3
            """)
        let web = try #require(config.programs.first)
        #expect(web.arguments == ["/usr/bin/env", "python3", "-m", "http.server", "8000"])
        #expect(web.command == "/usr/bin/env python3 -m http.server 8000")
        #expect(web.priority == 5 && !web.autostart && web.autorestart == .unexpected && web.startSecs == 0)
        #expect(web.startRetries == -1 && web.exitCodes == [0, 2] && web.stopSignal == SignalName(number: 3))
        #expect(web.stopWaitSecs == 30 && web.stopAsGroup && web.killAsGroup, "killasgroup defaults to stopasgroup")
        #expect(web.user == "root" && !web.redirectStderr && web.directory == "/srv/web" && web.umask == 0o002)
        #expect(
            web.stdoutLog
                == LogSpec(
                    destination: .file("logs/web.out"), maxBytes: 10 * 1024, backups: 0, captureMaxBytes: 1024 * 1024,
                    eventsEnabled: true))
        #expect(web.stderrLog == LogSpec(destination: .none, maxBytes: 0, backups: 2))
        #expect(web.environment == [EnvironmentVariable(name: "LANG", value: "C.UTF-8")])
        #expect(web.serverURL == nil && web.backoffMax == 2.5)
        #expect(config.warnings.isEmpty, "Tend's keys are known keys")
    }

    @Test func numprocsMakesOneProcessPerNumberWithTheNameTemplate() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [program:worker]
            command = /bin/echo %(process_num)d of %(numprocs)d
            process_name = %(program_name)s_%(process_num)02d
            numprocs = 3
            numprocs_start = 9
            stdout_logfile = %(here)s/%(program_name)s-%(process_num)d.log
            """)
        let workers = config.programs
        #expect(workers.map(\.name) == ["worker_09", "worker_10", "worker_11"])
        #expect(workers.map(\.qualifiedName) == ["worker:worker_09", "worker:worker_10", "worker:worker_11"])
        #expect(workers.map(\.processNumber) == [9, 10, 11] && workers.allSatisfy { $0.numprocs == 3 })
        #expect(workers[1].arguments == ["/bin/echo", "10", "of", "3"])
        #expect(workers[2].stdoutLog.destination == .file(fixture.path("worker-11.log")))
        #expect(config.groups.count == 1 && config.groups[0].name == "worker")
    }

    @Test func numprocsZeroMakesAnEmptyGroupAsInSupervisord() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load("a.conf", "[program:off]\ncommand = /bin/true\nnumprocs = 0\n")
        #expect(config.groups.map(\.name) == ["off"] && config.programs.isEmpty)
    }

    @Test func everyExpansionInACommand() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [program:app]
            command = /bin/echo %(program_name)s %(group_name)s %(process_num)d %(process_num)02d %(numprocs)d %(host_node_name)s %(here)s %(ENV_HOME)s 100%%
            """)
        #expect(
            config.programs.first?.arguments == [
                "/bin/echo", "app", "app", "0", "00", "1", "box", fixture.directory, "/home/tester", "100%",
            ])
    }

    @Test func groupNameIsTheHeterogeneousGroupsName() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf", "[group:g]\nprograms = a\n[program:a]\ncommand = /bin/echo %(group_name)s %(program_name)s\n")
        #expect(config.programs.first?.arguments == ["/bin/echo", "g", "a"])
    }

    @Test func environmentComesFromSupervisordThenTheFileThenTheProgram() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("app.env", "# secrets\nexport TOKEN='abc def'\nLEVEL=debug\nOVERRIDE=file\n")
        let config = try fixture.load(
            "a.conf",
            """
            [supervisord]
            environment = BASE=1,OVERRIDE=daemon

            [program:app]
            command = /bin/echo %(ENV_BASE)s %(ENV_TOKEN)s %(ENV_OWN)s
            environment_file = app.env
            environment = OVERRIDE="program",OWN='x,y',FROM_FILE="%(ENV_LEVEL)s"
            """)
        let app = try #require(config.programs.first)
        #expect(
            app.environment.map { "\($0.name)=\($0.value)" } == [
                "BASE=1", "OVERRIDE=program", "TOKEN=abc def", "LEVEL=debug", "OWN=x,y", "FROM_FILE=debug",
            ])
        #expect(app.arguments == ["/bin/echo", "1", "abc", "def", "x,y"])
        #expect(config.files == [fixture.path("a.conf"), fixture.path("app.env")])
    }

    @Test func environmentExpansionsSeeProcessNumbers() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [program:w]
            command = /bin/true
            process_name = w%(process_num)d
            numprocs = 2
            environment = SLOT="%(process_num)d",HOST="%(host_node_name)s",PATH="/opt/bin:%(ENV_HOME)s"
            """)
        #expect(
            config.programs.map { $0.environment.map(\.value) } == [
                ["0", "box", "/opt/bin:/home/tester"], ["1", "box", "/opt/bin:/home/tester"],
            ])
    }

    @Test func logfileKeywordsAndRedirectStderr() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:a]
            command = /bin/true
            stdout_logfile = off
            stderr_logfile = %(here)s/a.err
            redirect_stderr = true

            [program:b]
            command = /bin/true
            stdout_logfile = AUTO
            stdout_logfile_maxbytes = 0
            """)
        let config = try fixture.load("a.conf")
        let a = try #require(config.group(named: "a")?.programs.first)
        #expect(a.stdoutLog.destination == .none && a.stderrLog.destination == .none && a.redirectStderr)
        #expect(config.group(named: "b")?.programs.first?.stdoutLog.destination == .automatic)
        #expect(
            config.warnings.map(\.description) == [
                "\(path):4: warning: [program:a] sets redirect_stderr=true and a stderr_logfile; the stderr_logfile is ignored",
                "\(path):9: warning: For [program:b], AUTO logging used for stdout_logfile without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally",
            ])
    }

    @Test func continuationLinesJoinACommand() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf", "[program:b]\ncommand = /bin/echo\n  one\n\n\ttwo ; trailing\nautostart=false\n")
        #expect(config.programs.first?.arguments == ["/bin/echo", "one", "two"])
        #expect(config.programs.first?.autostart == false)
    }

    @Test func processesWithinAGroupAreOrderedByPriorityThenName() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [group:g]
            programs = c,a,b
            [program:a]
            command = /bin/true
            priority = 20
            [program:b]
            command = /bin/true
            priority = 10
            [program:c]
            command = /bin/true
            priority = 20
            """)
        #expect(config.programs.map(\.name) == ["b", "a", "c"])
    }
}
