import Testing

@testable import TendConfig

/// The daemon-wide sections: `[supervisord]`, the servers, `[supervisorctl]`, `[tend]`, and the rest.
struct ConfigLoaderTests {
    @Test func supervisordDefaultsWhenNothingIsSet() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load("a.conf", "[program:web]\ncommand = /bin/cat\n")
        let web = try #require(config.programs.first)
        #expect(web.name == "web" && web.groupName == "web" && web.priority == 999 && web.autostart)
        #expect(web.autorestart == .unexpected && web.startSecs == 1 && web.startRetries == 3 && web.exitCodes == [0])
        #expect(web.stopSignal == .term && web.stopWaitSecs == 10 && !web.stopAsGroup && !web.killAsGroup)
        #expect(web.stdoutLog == LogSpec() && web.stderrLog == LogSpec() && web.user == nil && web.directory == nil)
        #expect(web.umask == nil && web.serverURL == nil && web.backoffMax == nil && web.environment.isEmpty)
        let daemon = config.daemon
        #expect(daemon.logfile == fixture.path("supervisord.log") && daemon.pidfile == fixture.path("supervisord.pid"))
        #expect(daemon.logfileMaxBytes == 50 * 1024 * 1024 && daemon.logfileBackups == 10 && daemon.loglevel == .info)
        #expect(
            daemon.umask == 0o022 && daemon.minfds == 1024 && daemon.minprocs == 200
                && daemon.identifier == "supervisor")
        #expect(daemon.childlogdir == fixture.directory, "the temp dir, from the loader's TMPDIR")
        #expect(
            !daemon.nodaemon && !daemon.nodaemonIsExplicit && !daemon.silent && !daemon.nocleanup && !daemon.stripAnsi)
        #expect(config.unixServer == nil && config.inetServer == nil && config.control == ControlSettings())
        #expect(
            config.path == fixture.path("a.conf") && config.files == [fixture.path("a.conf")] && config.warnings.isEmpty
        )
    }

    @Test func everySupervisordKey() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("logs/children")
        let config = try fixture.load(
            "a.conf",
            """
            [supervisord]
            logfile = logs/daemon.log
            logfile_maxbytes = 1MB
            logfile_backups = 3
            loglevel = DEBUG
            pidfile = %(here)s/logs/tend.pid
            umask = 027
            nodaemon = true
            silent = yes
            minfds = 4096
            minprocs = 300
            nocleanup = on
            childlogdir = logs/children
            user = root
            directory = %(here)s/logs
            strip_ansi = 1
            environment = HOME_COPY="%(ENV_HOME)s",NODE=%%(host_node_name)s
            identifier = box-1
            """)
        let daemon = config.daemon
        #expect(daemon.logfile == fixture.path("logs/daemon.log"), "made absolute against the working directory")
        #expect(daemon.logfileMaxBytes == 1024 * 1024 && daemon.logfileBackups == 3 && daemon.loglevel == .debug)
        #expect(daemon.pidfile == fixture.path("logs/tend.pid") && daemon.umask == 0o027)
        #expect(daemon.nodaemon && daemon.nodaemonIsExplicit && daemon.silent && daemon.nocleanup && daemon.stripAnsi)
        #expect(daemon.minfds == 4096 && daemon.minprocs == 300 && daemon.identifier == "box-1")
        #expect(daemon.childlogdir == "logs/children", "kept as written, as supervisord does")
        #expect(daemon.user == "root" && daemon.directory == fixture.path("logs"))
        // `environment` is expanded twice, as supervisord does: %%(host_node_name)s survives the first pass.
        #expect(
            daemon.environment == [
                EnvironmentVariable(name: "HOME_COPY", value: "/home/tester"),
                EnvironmentVariable(name: "NODE", value: "box"),
            ])
        #expect(config.warnings.isEmpty)
    }

    @Test func logfileNoneTurnsTheDaemonLogOffAndTildeIsHome() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        #expect(try fixture.load("a.conf", "[supervisord]\nlogfile = NONE\n").daemon.logfile == nil)
        let config = try fixture.load("b.conf", "[supervisord]\npidfile = ~root/tend.pid\n")
        #expect(config.daemon.pidfile == "/root/tend.pid")
    }

    @Test func unixServerWithEverything() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [unix_http_server]
            file = run/../tend.sock   ; relative: against the working directory
            chmod = 0770
            chown = root:root
            username = admin
            password = {SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d
            """)
        let unix = try #require(config.unixServer)
        #expect(unix.file == fixture.path("tend.sock") && unix.chmod == 0o770 && unix.chown == "root:root")
        #expect(
            unix.credentials
                == Credentials(username: "admin", password: "{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d"))
        #expect(try fixture.load("b.conf", "[unix_http_server]\nfile=/tmp/x.sock\n").unixServer?.chmod == 0o700)
    }

    @Test func inetServerHostsAndPorts() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let bare = try #require(
            try fixture.load("a.conf", "[inet_http_server]\nport = 9001\nusername = u\npassword = p\n").inetServer)
        #expect(
            bare.host == "127.0.0.1" && bare.port == 9001
                && bare.credentials == Credentials(username: "u", password: "p"))
        #expect(try fixture.load("b.conf", "[inet_http_server]\nport = *:9002\n").inetServer?.host == "0.0.0.0")
        #expect(try fixture.load("c.conf", "[inet_http_server]\nport = :9003\n").inetServer?.host == "0.0.0.0")
        let named = try fixture.load("d.conf", "[inet_http_server]\nport = 10.0.0.5:%(ENV_PORT)s\n").inetServer
        #expect(named?.host == "10.0.0.5" && named?.port == 8080)
    }

    @Test func supervisorctlSettings() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [supervisorctl]
            serverurl = unix://%(here)s/run/../tend.sock
            username = u
            password = p
            prompt = tend
            history_file = ~/.tend_history
            """)
        #expect(
            config.control
                == ControlSettings(
                    serverURL: "unix://\(fixture.path("tend.sock"))", username: "u", password: "p", prompt: "tend"))
        let http = try fixture.load("b.conf", "[supervisorctl]\nserverurl = http://127.0.0.1:9001\n")
        #expect(http.control.serverURL == "http://127.0.0.1:9001" && http.control.prompt == "supervisor")
    }

    @Test func pluginTaskAndTendSectionsAreAccepted() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [ctlplugin:extra]
            supervisor.ctl_factory = x:y

            [task:solve]
            command = /bin/true
            concurrency = 2

            [tend]
            run_directory = run
            job_store = sqlite
            """)
        #expect(config.runDirectory == fixture.path("run"))
        #expect(config.warnings.isEmpty && config.groups.isEmpty)
    }

    @Test func unknownKeysAreWarningsNamingFileLineAndSection() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            "[supervisord]\nhttp_port = 9001\n\n[program:web]\ncommand = /bin/true\ncolour = blue ; comment\n[tend]\nfoo = 1\n"
        )
        let config = try fixture.load("a.conf")
        #expect(
            config.warnings.map(\.description) == [
                "\(path):2: warning: unknown key 'http_port' in [supervisord]",
                "\(path):6: warning: unknown key 'colour' in [program:web]",
                "\(path):8: warning: unknown key 'foo' in [tend]",
            ])
    }

    @Test func defaultSectionValuesReachEverySectionWithoutWarnings() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            "[DEFAULT]\nautostart = false\n\n[program:a]\ncommand = /bin/true\n\n[program:b]\ncommand = /bin/true\nautostart = true\n"
        )
        #expect(config.programs.map(\.autostart) == [false, true])
        #expect(config.warnings.isEmpty)
    }

    @Test func checkListsWarningsOfAConfigThatLoads() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write("a.conf", "[program:a]\ncommand = /bin/true\nstartsec = 5\n")
        #expect(
            fixture.loader.check(path: path).map(\.description) == [
                "\(path):3: warning: unknown key 'startsec' in [program:a]"
            ])
        #expect(
            fixture.loader.check(path: fixture.path("missing.conf")).map(\.description) == [
                "could not find config file \(fixture.path("missing.conf"))"
            ])
    }

    @Test func aRelativeConfigPathIsTakenFromTheWorkingDirectory() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("etc/tend.conf", "[program:a]\ncommand = /bin/echo %(here)s\n")
        let config = try fixture.loader.load(path: "etc/./tend.conf")
        #expect(config.path == fixture.path("etc/tend.conf"))
        #expect(config.programs.first?.arguments == ["/bin/echo", fixture.path("etc")])
    }
}
