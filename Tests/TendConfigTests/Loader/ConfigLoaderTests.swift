import Foundation
import Testing

@testable import TendConfig

struct ConfigLoaderTests {
    @Test func supervisordDefaults() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a.conf", "[program:web]\ncommand = /bin/cat\n")
        let config = try fixture.load("a.conf")
        let web = try #require(config.programs.first)
        #expect(web.name == "web" && web.groupName == "web" && web.priority == 999 && web.autostart)
        #expect(web.autorestart == .unexpected && web.startSecs == 1 && web.startRetries == 3 && web.exitCodes == [0])
        #expect(web.stopSignal == .term && web.stopWaitSecs == 10 && !web.stopAsGroup && !web.killAsGroup)
        #expect(web.stdoutLog == LogSpec() && web.stdoutLog.maxBytes == 50 * 1024 * 1024 && web.stdoutLog.backups == 10)
        #expect(config.daemon.logfile == fixture.directory + "/supervisord.log")
        #expect(config.daemon.pidfile == fixture.directory + "/supervisord.pid")
        #expect(config.daemon.loglevel == .info && config.daemon.umask == 0o022 && config.daemon.minfds == 1024)
    }

    @Test func numprocsExpandsProcessNamesAndEveryExpansion() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a.conf", """
            [program:worker]
            command = /bin/echo %(program_name)s %(group_name)s %(process_num)d of %(numprocs)d on %(host_node_name)s in %(here)s home=%(ENV_HOME)s 100%%
            process_name = %(program_name)s_%(process_num)02d
            numprocs = 3
            numprocs_start = 8
            stdout_logfile = %(here)s/%(program_name)s-%(process_num)d.log
            stdout_logfile_maxbytes = 1KB
            stderr_logfile_maxbytes = 2GB
            stopsignal = sigint
            exitcodes = 0,2
            umask = 027
            startretries = -1
            backoff_max = 30
            """)
        let programs = try fixture.load("a.conf").programs
        #expect(programs.map(\.name) == ["worker_08", "worker_09", "worker_10"])
        let first = programs[0]
        #expect(first.arguments == [
            "/bin/echo", "worker", "worker", "8", "of", "3", "on", "box", "in", fixture.directory, "home=/home/tester", "100%",
        ])
        #expect(first.stdoutLog.destination == .file(fixture.directory + "/worker-8.log"))
        #expect(first.stdoutLog.maxBytes == 1024 && first.stderrLog.maxBytes == 2 * 1024 * 1024 * 1024)
        #expect(first.stopSignal == .interrupt && first.exitCodes == [0, 2] && first.umask == 0o027)
        #expect(first.startRetries == -1 && first.backoffMax == 30)
    }

    @Test func environmentFileIsReadBetweenDaemonAndProgramEnvironment() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("app.env", "# secrets\nexport TOKEN='abc def'\nLEVEL=debug\n\nOVERRIDE=file\n")
        fixture.write("a.conf", """
            [supervisord]
            environment = BASE=1

            [program:app]
            command = /bin/true
            environment_file = app.env
            environment = OVERRIDE="program"
            """)
        let env = try fixture.load("a.conf").programs[0].environment.map { "\($0.name)=\($0.value)" }
        #expect(env == ["BASE=1", "TOKEN=abc def", "LEVEL=debug", "OVERRIDE=file", "OVERRIDE=program"])
    }

    @Test func everyErrorIsReportedWithItsFileAndLine() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write("bad.conf", """
            [program:a]
            autostart = maybe

            [program:b]
            command = /bin/true
            startsecs = soon
            stopsignal = NOPE
            process_name = b
            numprocs = 2

            [program:c]
            command = /bin/echo "unterminated
            stdout_logfile = /no/such/dir/c.log

            [program:d]
            command = /bin/true %(nope)s
            user = no-such-user-here

            [bogus]
            x = 1

            [group:g]
            programs = ghost
            """)
        let errors = fixture.errors("bad.conf")
        #expect(errors.contains("\(path):1: [program:a] is missing 'command'"))
        #expect(errors.contains("\(path):2: invalid boolean value 'maybe' for 'autostart' (use true/false, yes/no, on/off or 1/0)"))
        #expect(errors.contains("\(path):8: [program:b]: %(process_num) must be present within process_name when numprocs > 1"))
        #expect(errors.contains { $0.hasPrefix("\(path):12: no closing quotation") })
        #expect(errors.contains("\(path):13: the directory named as part of the path /no/such/dir/c.log does not exist"))
        #expect(errors.contains { $0.hasPrefix("\(path):16: 'command': unknown expansion %(nope)") })
        #expect(errors.contains("\(path):17: invalid user name 'no-such-user-here'"))
        #expect(errors.contains("\(path):19: unknown section [bogus]"))
        #expect(errors.contains("\(path):23: [group:g] names program 'ghost', but there is no [program:ghost]"))
        // startsecs and stopsignal of [program:b] are only checked once process_name is fixed; fix it:
        let fixed = fixture.write("b.conf", "[program:b]\ncommand = /bin/true\nstartsecs = soon\nstopsignal = NOPE\n")
        let more = fixture.errors("b.conf")
        #expect(more.contains("\(fixed):3: invalid integer value 'soon' for 'startsecs'"))
        #expect(more.contains { $0.hasPrefix("\(fixed):4: value 'NOPE' for 'stopsignal' is not a signal name") })
    }

    @Test func duplicatesMalformedLinesAndUnknownKeys() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write("a.conf", "[program:a]\ncommand = /bin/true\ncommand = /bin/false\nno equals sign here\n[program:a]\ncommand=x\n")
        let errors = fixture.errors("a.conf")
        #expect(errors.contains("\(path):3: 'command' is set twice in [program:a]"))
        #expect(errors.contains("\(path):4: expected 'key = value', found 'no equals sign here'"))
        #expect(errors.contains("\(path):5: section [program:a] is already defined at \(path):1"))
        fixture.write("b.conf", "[program:b]\ncommand = /bin/true\ncolour = blue ; inline comment\n")
        let config = try fixture.load("b.conf")
        #expect(config.warnings.map(\.description) == ["\(fixture.directory)/b.conf:3: warning: unknown key 'colour' in [program:b]"])
    }

    @Test func inetServerBareportBindsLoopbackAndCredentialsNeedBothHalves() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a.conf", "[inet_http_server]\nport = 9001\nusername = u\npassword = {SHA}abc\n")
        let inet = try #require(try fixture.load("a.conf").inetServer)
        #expect(inet.host == "127.0.0.1" && inet.port == 9001 && inet.credentials == Credentials(username: "u", password: "{SHA}abc"))
        fixture.write("b.conf", "[inet_http_server]\nport = *:9002\n")
        #expect(try fixture.load("b.conf").inetServer?.host == "0.0.0.0")
        fixture.write("c.conf", "[unix_http_server]\nfile = /tmp/x.sock\nusername = u\n")
        #expect(fixture.errors("c.conf").first?.contains("has a username or a password but not both") == true)
    }

    @Test func continuationLinesAndComments() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a.conf", "; comment\n# another\n[program:a]\ncommand = /bin/echo\n  one\n  two ; trailing\nautostart=false#not a comment\n")
        let config = fixture.errors("a.conf")
        #expect(config.first?.contains("invalid boolean value 'false#not a comment'") == true)
        fixture.write("b.conf", "[program:b]\ncommand = /bin/echo\n  one\n\ttwo ; trailing\n")
        #expect(try fixture.load("b.conf").programs[0].arguments == ["/bin/echo", "one", "two"])
    }

    @Test func eventListenerSectionsBecomePools() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a.conf", "[eventlistener:mon]\ncommand = /bin/cat\nevents = PROCESS_STATE,TICK_60\nbuffer_size = 50\n")
        let group = try #require(try fixture.load("a.conf").group(named: "mon"))
        #expect(group.kind == .eventListener)
        #expect(group.eventListener == EventListenerSettings(events: ["PROCESS_STATE", "TICK_60"], bufferSize: 50))
        fixture.write("b.conf", "[eventlistener:mon]\ncommand = /bin/cat\nevents = NOT_AN_EVENT\n")
        #expect(fixture.errors("b.conf").first?.contains("unknown event type 'NOT_AN_EVENT'") == true)
    }

    @Test func shellWordsSplitAsShlex() throws {
        #expect(try ShellWords.split(#"a 'b c' "d \"e\"" f\ g"#).get() == ["a", "b c", #"d "e""#, "f g"])
        #expect(throws: ExpansionError.self) { try ShellWords.split("a 'b").get() }
    }

    @Test func searchOrderIsSupervisordsThenTendConf() {
        let candidates = ConfigSearch.candidates(workingDirectory: "/w", executableDirectory: "/opt/tend/bin")
        #expect(candidates == [
            "/opt/tend/etc/supervisord.conf", "/opt/tend/supervisord.conf", "/w/supervisord.conf", "/w/etc/supervisord.conf",
            "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf", "/w/tend.conf",
        ])
        #expect(ConfigSearch.defaultPath(workingDirectory: "/w", executableDirectory: "/x", fileExists: { $0 == "/w/tend.conf" }) == "/w/tend.conf")
    }
}

