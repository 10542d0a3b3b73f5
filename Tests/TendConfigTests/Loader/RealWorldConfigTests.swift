import Foundation
import Testing

@testable import TendConfig

/// Real-world files: the program sections of seeds/rocketmap-supervisord.rst and a StableConfigs-like
/// deployment with an `[include]`.
struct RealWorldConfigTests {
    @Test func rocketMapSectionsLoadWithAWarningForTheMisspelledStartsec() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let logs = fixture.directory
        let path = fixture.write("rm_tools.conf", """
            [program:rm_webserver]
            command=/usr/bin/python /path/to/rocketmap/runserver.py --only-server -l 'WHATEVER LOCATION YOU WANT THE WEBSERVER TO POINT TO BY DEFAULT'
            user = www-data
            numprocs=1
            directory=/path/to/rocketmap/
            startsec=15
            startretries=3
            autorestart=true
            stopwaitsecs=5
            stdout_logfile=\(logs)/rm_webserver.log
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
            stdout_logfile=\(logs)/rm_areaXY.log
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
            stdout_logfile=\(logs)/pgpool.log
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
            stdout_logfile=\(logs)/devkat.log
            redirect_stderr = true
            """)
        let config = try fixture.loader.load(path: path)
        #expect(config.groups.map(\.name) == ["devkat", "pgpool", "rm_areaXY", "rm_webserver"])
        let web = try #require(config.group(named: "rm_webserver")?.programs.first)
        #expect(web.arguments == [
            "/usr/bin/python", "/path/to/rocketmap/runserver.py", "--only-server", "-l",
            "WHATEVER LOCATION YOU WANT THE WEBSERVER TO POINT TO BY DEFAULT",
        ])
        #expect(web.user == "www-data")
        #expect(web.directory == "/path/to/rocketmap/")
        #expect(web.startSecs == 1, "startsec is not a supervisord key: the default stays")
        #expect(web.startRetries == 3 && web.autorestart == .always && web.stopWaitSecs == 5 && web.redirectStderr)
        #expect(web.stdoutLog.destination == .file("\(logs)/rm_webserver.log"))
        let area = try #require(config.group(named: "rm_areaXY")?.programs.first)
        #expect(area.arguments.contains("locationToSearchAt"))
        let warnings = config.warnings.map(\.description)
        #expect(warnings.count == 4)
        #expect(warnings.first == "\(path):6: warning: unknown key 'startsec' in [program:rm_webserver]")
    }

    @Test func stableConfigsDeploymentWithIncludeGroupAndEnvironment() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("conf.d/redis.conf", """
            [program:redis]
            command = /bin/sleep 1000 ; redis-server stand-in
            priority = 1
            autorestart = true
            stdout_logfile = %(here)s/../redis.log
            """)
        fixture.write("conf.d/celery.conf", """
            [program:celery]
            command = /bin/sleep 1001
            environment = C_FORCE_ROOT="true",BROKER="redis://localhost:6379/0"
            stopasgroup = true
            priority = 10

            [program:gunicorn]
            command = /bin/sleep 1002 --bind 127.0.0.1:%(ENV_PORT)s
            priority = 20
            stdout_logfile = NONE
            """)
        let path = fixture.write("supervisord.conf", """
            [unix_http_server]
            file = %(here)s/supervisor.sock
            chmod = 0770

            [supervisord]
            logfile = %(here)s/supervisord.log
            pidfile = %(here)s/supervisord.pid
            environment = APP_ENV="production"
            nodaemon = false

            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl = unix://%(here)s/supervisor.sock

            [group:backend]
            programs = celery,gunicorn
            priority = 5

            [include]
            files = conf.d/*.conf missing/*.conf
            """)
        let config = try fixture.loader.load(path: path)
        #expect(config.files.count == 3)
        #expect(config.unixServer?.file == fixture.directory + "/supervisor.sock")
        #expect(config.unixServer?.chmod == 0o770)
        #expect(config.control.serverURL == "unix://\(fixture.directory)/supervisor.sock")
        #expect(config.daemon.nodaemonIsExplicit && !config.daemon.nodaemon)
        #expect(config.groups.map(\.name) == ["redis", "backend"])
        let backend = try #require(config.group(named: "backend"))
        #expect(backend.kind == .group && backend.priority == 5)
        #expect(backend.programs.map(\.qualifiedName) == ["backend:celery", "backend:gunicorn"])
        let celery = backend.programs[0]
        #expect(celery.environment == [
            EnvironmentVariable(name: "APP_ENV", value: "production"),
            EnvironmentVariable(name: "C_FORCE_ROOT", value: "true"),
            EnvironmentVariable(name: "BROKER", value: "redis://localhost:6379/0"),
        ])
        #expect(celery.stopAsGroup && celery.killAsGroup)
        #expect(backend.programs[1].arguments.last == "127.0.0.1:8080")
        #expect(backend.programs[1].stdoutLog.destination == LogSpec.Destination.none)
        #expect(config.group(named: "redis")?.programs.first?.arguments == ["/bin/sleep", "1000"])
        #expect(config.group(named: "redis")?.programs.first?.stdoutLog.destination == .file(fixture.directory + "/redis.log"))
        #expect(config.warnings.map(\.description) == ["\(path):22: warning: [include] pattern 'missing/*.conf' matches no file"])
    }
}
