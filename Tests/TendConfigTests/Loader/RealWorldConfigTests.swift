import Testing

@testable import TendConfig

/// Real-world files: the program sections of seeds/rocketmap-supervisord.rst and a StableConfigs-like
/// deployment (seeds/stableconfigs-api-server.md) in the layout Debian's supervisor package uses.
struct RealWorldConfigTests {
    /// The four program sections of the RocketMap guide, verbatim but for the one log directory that must
    /// exist on the machine running the test.
    private func rocketMap(logDirectory: String) -> String {
        """
        [program:rm_webserver]
        command=/usr/bin/python /path/to/rocketmap/runserver.py --only-server -l 'WHATEVER LOCATION YOU WANT THE WEBSERVER TO POINT TO BY DEFAULT'
        user = www-data
        numprocs=1
        directory=/path/to/rocketmap/
        startsec=15
        startretries=3
        autorestart=true
        stopwaitsecs=5
        stdout_logfile=\(logDirectory)/rm_webserver.log
        redirect_stderr = true

        [program:rm_areaXY]
        command=/usr/bin/python /opt/rocketmap/runserver.py -sn areaXY --no-server -l "locationToSearchAt" -speed -gf geofence.txt -st 27 -w 4
        directory=/opt/rocketmap/scanners/areaXY/
        user = www-data
        numprocs=1
        startsec=15
        startretries=3
        autorestart=true
        stopwaitsecs=5
        stdout_logfile=/tmp/rm_areaXY.log
        redirect_stderr = true

        [program:pgpool]
        command=/usr/bin/python /opt/pgpool/pgpool.py
        user = www-data
        numprocs=1
        directory=/opt/pgpool/
        startsec=15
        startretries=3
        autorestart=true
        stopwaitsecs=5
        stdout_logfile=/tmp/pgpool.log
        redirect_stderr = true

        [program:devkat]
        command=/usr/bin/node /opt/pgtools/devkat/index.js
        user = www-data
        numprocs=1
        directory=/opt/pgtools/devkat/
        startsec=15
        startretries=3
        autorestart=true
        stopwaitsecs=5
        stdout_logfile=/tmp/devkat.log
        redirect_stderr = true
        """
    }

    @Test func rocketMapSectionsLoadWithAWarningForEachMisspelledStartsec() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let logs = fixture.makeDirectory("path/for/log")
        let path = fixture.write("rm_tools.conf", rocketMap(logDirectory: logs))
        let config = try fixture.loader.load(path: path)
        #expect(config.groups.map(\.name) == ["devkat", "pgpool", "rm_areaXY", "rm_webserver"])
        let web = try #require(config.group(named: "rm_webserver")?.programs.first)
        #expect(
            web.arguments == [
                "/usr/bin/python", "/path/to/rocketmap/runserver.py", "--only-server", "-l",
                "WHATEVER LOCATION YOU WANT THE WEBSERVER TO POINT TO BY DEFAULT",
            ])
        #expect(web.user == "www-data" && web.directory == "/path/to/rocketmap/" && web.numprocs == 1)
        #expect(web.startSecs == 1, "startsec is not a supervisord key: the default stays")
        #expect(web.startRetries == 3 && web.autorestart == .always && web.stopWaitSecs == 5 && web.redirectStderr)
        #expect(web.stdoutLog.destination == .file("\(logs)/rm_webserver.log") && web.stderrLog.destination == .none)
        let area = try #require(config.group(named: "rm_areaXY")?.programs.first)
        #expect(
            area.arguments == [
                "/usr/bin/python", "/opt/rocketmap/runserver.py", "-sn", "areaXY", "--no-server", "-l",
                "locationToSearchAt",
                "-speed", "-gf", "geofence.txt", "-st", "27", "-w", "4",
            ])
        #expect(
            config.group(named: "devkat")?.programs.first?.arguments == [
                "/usr/bin/node", "/opt/pgtools/devkat/index.js",
            ])
        #expect(
            config.warnings.map(\.description) == [
                "\(path):6: warning: unknown key 'startsec' in [program:rm_webserver]",
                "\(path):18: warning: unknown key 'startsec' in [program:rm_areaXY]",
                "\(path):30: warning: unknown key 'startsec' in [program:pgpool]",
                "\(path):42: warning: unknown key 'startsec' in [program:devkat]",
            ])
    }

    @Test func rocketMapSocketSectionWithItsInlineComments() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "supervisord.conf",
            """
            [unix_http_server]
            file=\(fixture.directory)/supervisor.sock   ; (the path to the socket file)
            chmod=0700                       ; socket file mode (default 0700)
            chown=www-data:www-data
            username = user
            password = 123
            """)
        #expect(
            config.unixServer
                == UnixServerSettings(
                    file: fixture.path("supervisor.sock"), chmod: 0o700, chown: "www-data:www-data",
                    credentials: Credentials(username: "user", password: "123")))
    }

    @Test func stableConfigsDeploymentWithIncludeGroupAndEnvironment() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("log")
        fixture.write(
            "conf.d/redis.conf",
            """
            [program:redis]
            directory=%(here)s/../server/redis-stable
            command=/bin/sleep 1000 ; redis-server stand-in
            priority=1
            autorestart=true
            stdout_logfile=%(here)s/../log/redis.log
            stderr_logfile=%(here)s/../log/redis.err.log
            """)
        fixture.write(
            "conf.d/celeryd.conf",
            """
            [program:celery]
            directory=%(here)s/..
            command=/bin/sleep 1001 -A server.tasks.celery worker --loglevel=info
            environment=C_FORCE_ROOT="true",BROKER="redis://localhost:6379/0"
            stopasgroup=true
            stopwaitsecs=600
            priority=10
            """)
        fixture.write(
            "conf.d/gunicornd.conf",
            """
            [program:gunicorn]
            directory=%(here)s/../server
            command=/bin/sleep 1002 -w 1 --timeout 3000 -b 0.0.0.0:%(ENV_PORT)s tasks:app
            priority=20
            stdout_logfile=NONE
            """)
        let path = fixture.write(
            "supervisord.conf",
            """
            ; supervisor config file

            [unix_http_server]
            file=%(here)s/supervisor.sock ; (the path to the socket file)
            chmod=0770 ; socket file mode (default 0700)
            chown=root:root

            [supervisord]
            logfile=%(here)s/log/supervisord.log ; (main log file;default $CWD/supervisord.log)
            pidfile=%(here)s/supervisord.pid ; (supervisord pidfile;default supervisord.pid)
            childlogdir=%(here)s/log            ; ('AUTO' child log dir, default $TEMP)
            environment=APP_ENV="production"
            nodaemon=false

            ; the below section must remain in the config file for RPC
            ; (supervisorctl/web interface) to work, additional interfaces may be
            ; added by defining them in separate rpcinterface: sections
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl=unix://%(here)s/supervisor.sock ; use a unix:// URL  for a unix socket

            [group:backend]
            programs=celery,gunicorn
            priority=5

            ; The [include] section can just contain the "files" setting.  This
            ; setting can list multiple files (separated by whitespace or
            ; newlines).  It can also contain wildcards.  The filenames are
            ; interpreted as relative to this file.  Included files *cannot*
            ; include files themselves.

            [include]
            files = conf.d/*.conf
                    missing/*.conf
            """)
        let config = try fixture.loader.load(path: path)
        #expect(config.files == [path] + ["celeryd", "gunicornd", "redis"].map { fixture.path("conf.d/\($0).conf") })
        #expect(
            config.unixServer
                == UnixServerSettings(file: fixture.path("supervisor.sock"), chmod: 0o770, chown: "root:root"))
        #expect(config.control.serverURL == "unix://\(fixture.path("supervisor.sock"))")
        #expect(
            config.daemon.logfile == fixture.path("log/supervisord.log")
                && config.daemon.childlogdir == fixture.path("log"))
        #expect(config.daemon.nodaemonIsExplicit && !config.daemon.nodaemon)
        #expect(config.groups.map(\.name) == ["redis", "backend"])
        let backend = try #require(config.group(named: "backend"))
        #expect(backend.kind == .group && backend.priority == 5)
        #expect(backend.programs.map(\.qualifiedName) == ["backend:celery", "backend:gunicorn"])
        let celery = backend.programs[0]
        #expect(
            celery.environment == [
                EnvironmentVariable(name: "APP_ENV", value: "production"),
                EnvironmentVariable(name: "C_FORCE_ROOT", value: "true"),
                EnvironmentVariable(name: "BROKER", value: "redis://localhost:6379/0"),
            ])
        #expect(celery.stopAsGroup && celery.killAsGroup && celery.stopWaitSecs == 600)
        #expect(
            celery.directory == fixture.path("conf.d/.."),
            "%(here)s is the file's directory; the rest is kept as written")
        let gunicorn = backend.programs[1]
        #expect(
            gunicorn.arguments == [
                "/bin/sleep", "1002", "-w", "1", "--timeout", "3000", "-b", "0.0.0.0:8080", "tasks:app",
            ])
        #expect(
            gunicorn.stdoutLog.destination == LogSpec.Destination.none
                && gunicorn.directory == fixture.path("conf.d/../server"))
        let redis = try #require(config.group(named: "redis")?.programs.first)
        #expect(redis.arguments == ["/bin/sleep", "1000"] && redis.autorestart == .always)
        #expect(redis.stdoutLog.destination == .file(fixture.path("conf.d/../log/redis.log")))
        #expect(redis.directory == fixture.path("conf.d/../server/redis-stable"))
        #expect(
            config.warnings.map(\.description) == [
                "\(path):35: warning: [include] pattern 'missing/*.conf' matches no file"
            ])
    }
}
