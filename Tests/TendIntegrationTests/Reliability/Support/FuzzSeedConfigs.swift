import Foundation

/// One config to mutate: the main file's text and the files beside it that it includes (relative paths).
struct FuzzConfigSeed: Sendable {
    var name: String
    var main: [UInt8]
    var extraFiles: [String: [UInt8]] = [:]
}

/// The configs the config fuzzer starts from: the repository's examples (read from disk, so a new example is
/// fuzzed too) and a few configs in the style of the loader's tests that reach the sections the examples do
/// not (groups, event listeners, tasks, `[tend]`, expansions, schedules, dependencies, credentials).
enum FuzzSeedConfigs {
    /// The repository's root, from this file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func all() throws -> [FuzzConfigSeed] {
        try examples() + inline
    }

    /// Every `*.conf` directly in an `examples/*` directory, with the `conf.d/*.conf` files beside it.
    static func examples() throws -> [FuzzConfigSeed] {
        let examples = repositoryRoot + "/examples"
        let manager = FileManager.default
        var seeds: [FuzzConfigSeed] = []
        for directory in try manager.contentsOfDirectory(atPath: examples).sorted() {
            let path = examples + "/" + directory
            let files = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            var extras: [String: [UInt8]] = [:]
            for file in (try? manager.contentsOfDirectory(atPath: path + "/conf.d")) ?? [] where file.hasSuffix(".conf")
            {
                extras["conf.d/" + file] = Array(try Data(contentsOf: URL(fileURLWithPath: path + "/conf.d/" + file)))
            }
            for file in files.sorted() where file.hasSuffix(".conf") {
                let text = try Data(contentsOf: URL(fileURLWithPath: path + "/" + file))
                seeds.append(
                    FuzzConfigSeed(name: "examples/\(directory)/\(file)", main: Array(text), extraFiles: extras))
            }
        }
        return seeds
    }

    static let inline: [FuzzConfigSeed] = [
        FuzzConfigSeed(
            name: "inline/groups-listeners",
            main: Array(
                """
                [DEFAULT]
                base = /tmp

                [unix_http_server]
                file = %(here)s/tend.sock
                chmod = 0760
                username = admin
                password = {SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d

                [inet_http_server]
                port = 127.0.0.1:9001
                username = admin
                password = secret

                [supervisord]
                logfile = %(here)s/tend.log
                logfile_maxbytes = 50MB
                logfile_backups = 10
                loglevel = info
                pidfile = %(here)s/tend.pid
                umask = 022
                minfds = 1024
                minprocs = 200
                identifier = fuzz
                environment = A="1",B="two words"

                [supervisorctl]
                serverurl = unix://%(here)s/tend.sock
                username = admin
                password = secret

                [program:web]
                command = /bin/sh -c 'exec sleep %(process_num)d0'
                process_name = %(program_name)s_%(process_num)02d
                numprocs = 3
                numprocs_start = 1
                priority = 100
                autorestart = unexpected
                exitcodes = 0,2
                stopsignal = INT
                stopwaitsecs = 3
                stdout_logfile = %(here)s/%(program_name)s-%(process_num)d.log
                stdout_logfile_maxbytes = 1KB
                stdout_logfile_backups = 2
                environment = PORT="80%(process_num)02d",HOST="%(host_node_name)s",HOME="%(ENV_HOME)s"
                depends_on = db:running
                healthcheck = tcp:127.0.0.1:8080

                [program:db]
                command = /bin/sleep 100
                startsecs = 0
                redirect_stderr = true
                backoff_max = 10

                [program:nightly]
                command = /bin/true
                schedule = 0 3 * * *
                timeout = 60
                grace = 5
                overlap = skip
                autostart = false

                [group:stack]
                programs = web,db
                priority = 5

                [eventlistener:watch]
                command = /bin/cat
                events = PROCESS_STATE,TICK_60
                buffer_size = 10
                """.utf8)),
        FuzzConfigSeed(
            name: "inline/tasks-tend",
            main: Array(
                """
                [unix_http_server]
                file = /tmp/fuzz-tasks.sock

                [supervisord]
                logfile = /tmp/fuzz-tasks.log
                pidfile = /tmp/fuzz-tasks.pid
                nodaemon = true

                [tend]
                job_durability = full
                heartbeat = 5

                [task:solve]
                command = /bin/cat
                default = true
                timeout = 90
                result_ttl = 300
                error_exit_codes = 3
                error_name = TBNException

                [task:echo]
                command = /bin/sh -c 'cat; echo %%done'

                [include]
                files = conf.d/*.conf
                """.utf8),
            extraFiles: [
                "conf.d/one.conf": Array(
                    """
                    [program:one]
                    command = /bin/sleep 5
                    directory = %(here)s
                    user = root
                    umask = 077
                    """.utf8)
            ]),
    ]
}
