import Testing

@testable import TendConfig

/// Every error a user can make, each reported as `file:line: message`, all of them at once.
struct ConfigErrorTests {
    @Test func everyErrorOfAFileIsReportedAtOnceWithItsLine() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "bad.conf",
            """
            [program:a]
            autostart = maybe

            [program:b]
            command = /bin/true
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
        #expect(
            errors == [
                "\(path):1: [program:a] is missing 'command'",
                "\(path):2: invalid boolean value 'maybe' for 'autostart' (use true/false, yes/no, on/off or 1/0)",
                "\(path):6: [program:b]: %(process_num) must be present within process_name when numprocs > 1",
                "\(path):10: no closing quotation in command: /bin/echo \"unterminated",
                "\(path):11: the directory named as part of the path /no/such/dir/c.log does not exist",
                "\(path):14: 'command': unknown expansion %(nope) (available: ENV_<variable>, group_name, here, host_node_name, numprocs, process_num, program_name)",
                "\(path):15: invalid user name 'no-such-user-here' for 'user'",
                "\(path):17: unknown section [bogus]",
                "\(path):21: [group:g] names program 'ghost', but there is no [program:ghost]",
            ])
    }

    @Test func badNumbersAndValues() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:a]
            command = /bin/true
            startsecs = soon
            startretries = -2
            stopwaitsecs = -1
            stopsignal = NOPE
            exitcodes = 0,300
            numprocs = -1
            stdout_logfile_maxbytes = 5XB
            stdout_logfile_backups = -3
            umask = 9
            autorestart = sometimes
            backoff_max = 0
            priority = high
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):3: invalid integer value 'soon' for 'startsecs'",
                "\(path):4: 'startretries' must be at least -1, not -2",
                "\(path):5: 'stopwaitsecs' must be at least 0, not -1",
                "\(path):6: value 'NOPE' for 'stopsignal' is not a signal name or number (e.g. TERM, HUP, INT, QUIT, KILL, USR1, USR2)",
                "\(path):7: invalid exit code '300' in 'exitcodes' (comma-separated numbers from 0 to 255)",
                "\(path):8: 'numprocs' must be at least 0, not -1",
                "\(path):9: invalid size '5XB' for 'stdout_logfile_maxbytes' (a number of bytes, optionally with KB, MB or GB, e.g. 50MB)",
                "\(path):10: 'stdout_logfile_backups' must be at least 0, not -3",
                "\(path):11: invalid octal value '9' for 'umask' (e.g. 022)",
                "\(path):12: invalid 'autorestart' value 'sometimes' (true, false or unexpected)",
                "\(path):13: invalid value '0' for 'backoff_max': a positive number of seconds",
                "\(path):14: invalid integer value 'high' for 'priority'",
            ])
    }

    @Test func emptyCommandsStopAsGroupWithoutKillAsGroupAndBadNames() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:empty]
            command =   ; nothing

            [program:group]
            command = /bin/true
            stopasgroup = true
            killasgroup = false

            [program:bad name]
            command = /bin/true

            [program:slash]
            command = /bin/true
            process_name = a/b
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):2: 'command' is empty",
                "\(path):7: cannot set stopasgroup=true and killasgroup=false",
                "\(path):9: invalid name 'bad name' in [program:bad name]: a name cannot contain spaces, ':' or '/'",
                "\(path):14: invalid 'process_name' 'a/b' in [program:slash]: a name cannot contain spaces, ':' or '/'",
            ])
    }

    @Test func collidingProcessAndGroupNames() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [program:a]
            command = /bin/true
            process_name = same%(process_num)d
            numprocs = 2
            numprocs_start = 1

            [program:b]
            command = /bin/true
            process_name = same1

            [group:g]
            programs = a,b

            [program:web]
            command = /bin/true

            [eventlistener:web]
            command = /bin/cat
            events = TICK_5

            [program:twin]
            command = /bin/true
            process_name = %(program_name)s
            numprocs = 2
            """)
        let errors = fixture.errors("a.conf")
        #expect(
            errors.contains(
                "\(path):12: group 'g' has two processes named 'same1'; give them distinct process_name values"))
        #expect(errors.contains("\(path):17: group name 'web' is already used by [program:web] at \(path):14"))
        #expect(
            errors.contains(
                "\(path):23: [program:twin]: %(process_num) must be present within process_name when numprocs > 1"))
        #expect(errors.count == 3)
    }

    @Test func badExpansionsInEveryPlaceNameTheKeyAndLine() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [supervisord]
            logfile = %(program_name)s.log
            environment = A=100%%

            [program:a]
            command = /bin/true
            priority = %(process_num)d
            stdout_logfile = %(ENV_HOME)d
            """)
        let errors = fixture.errors("a.conf")
        #expect(
            errors == [
                "\(path):2: 'logfile': unknown expansion %(program_name) (available: ENV_<variable>, here)",
                "\(path):3: 'environment': a '%' ends the value; write %% for a literal % (supervisord expands 'environment' twice: write %%%% for a literal %)",
                "\(path):7: 'priority': unknown expansion %(process_num) (available: ENV_<variable>, group_name, here, host_node_name, program_name)",
                "\(path):8: 'stdout_logfile': %(ENV_HOME)d needs a number, but ENV_HOME is text; use %(ENV_HOME)s",
            ])
    }

    @Test func serverAndDaemonSectionErrors() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [supervisord]
            loglevel = loud
            childlogdir = /no/such/dir
            directory = /no/such/dir
            minfds = -1

            [unix_http_server]
            chmod = 999
            chown = nobody-here:nogroup-here
            username = u

            [inet_http_server]
            port = 127.0.0.1:99999
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):2: bad logging level name 'loud' (critical, error, warn, info, debug, trace or blather)",
                "\(path):3: /no/such/dir is not an existing directory (for 'childlogdir')",
                "\(path):4: /no/such/dir is not an existing directory (for 'directory')",
                "\(path):5: 'minfds' must be at least 0, not -1",
                "\(path):7: section [unix_http_server] contains incomplete authentication: give both 'username' and 'password', or neither",
                "\(path):7: section [unix_http_server] has no 'file' value (the socket path)",
                "\(path):13: invalid port '127.0.0.1:99999' (write host:port, *:port or a port from 1 to 65535)",
            ])
    }

    @Test func eventListenerErrors() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [eventlistener:a]
            command = /bin/cat

            [eventlistener:b]
            command = /bin/cat
            events = PROCESS_STATE,NOT_AN_EVENT
            buffer_size = 0
            redirect_stderr = true
            """)
        #expect(
            fixture.errors("a.conf") == [
                "\(path):1: [eventlistener:a] section requires an 'events' line (e.g. events = PROCESS_STATE)",
                "\(path):6: unknown event type 'NOT_AN_EVENT' in [eventlistener:b] events",
                "\(path):7: 'buffer_size' must be at least 1, not 0",
                "\(path):8: [eventlistener:b] sets redirect_stderr=true, which is not allowed: it would interfere with the event listener protocol",
            ])
    }

    @Test func environmentErrors() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("bad.env", "OK=1\nbroken line\n")
        let path = fixture.write(
            "a.conf",
            """
            [program:a]
            command = /bin/true
            environment = A="open

            [program:b]
            command = /bin/true
            environment_file = missing.env

            [program:c]
            command = /bin/true
            environment_file = bad.env
            environment = A=1 B=2
            """)
        let errors = fixture.errors("a.conf")
        #expect(
            errors == [
                "\(path):3: 'environment': no closing quotation in 'A=\"open'",
                "\(path):7: environment_file: can't read \(fixture.path("missing.env")): No such file or directory",
                "\(path):12: 'environment': unexpected end of key/value pairs in 'A=1 B=2' (write KEY=\"value\",KEY2=\"value2\")",
                "\(fixture.path("bad.env")):2: expected KEY=value, found 'broken line'",
            ])
    }

    @Test func aMissingMainFileIsOneErrorWithoutALine() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        #expect(fixture.errors("nope.conf") == ["could not find config file \(fixture.path("nope.conf"))"])
    }

    @Test func theThrownErrorCarriesWarningsToo() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write("a.conf", "[program:a]\ncommand = /bin/true\nstartsec = 1\nautostart = nah\n")
        #expect(throws: ConfigError.self) { try fixture.load("a.conf") }
        do {
            _ = try fixture.load("a.conf")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(path):3: warning: unknown key 'startsec' in [program:a]",
                    "\(path):4: invalid boolean value 'nah' for 'autostart' (use true/false, yes/no, on/off or 1/0)",
                ])
            #expect(error.errors.count == 1)
        }
    }
}
