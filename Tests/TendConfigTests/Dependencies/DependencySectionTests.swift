import Testing

@testable import TendConfig

/// `depends_on`, `depends_timeout`, probes and `ready` in `[program:x]`, and the checks of the whole graph.
struct DependencySectionTests {
    @Test func dependsOnListsNamesWithTheirConditions() throws {
        #expect(
            try Dependency.parseList("redis, postgres:healthy, migrate:completed_successfully") == [
                Dependency(name: "redis"), Dependency(name: "postgres", condition: .healthy),
                Dependency(name: "migrate", condition: .completedSuccessfully),
            ])
        #expect(
            try Dependency.parseList("stack:redis:log_ready, stack:db") == [
                Dependency(name: "stack:redis", condition: .logReady), Dependency(name: "stack:db"),
            ])
        for bad in ["redis,", "redis:sleepy:now", ":healthy", "a:b:c:d"] {
            #expect(throws: DependencyError.self, "\(bad)") { try Dependency.parseList(bad) }
        }
    }

    @Test func probesReadEveryFormAndSetting() throws {
        #expect(try Probe.parseCheck("tcp 127.0.0.1:6379") == .tcp(host: "127.0.0.1", port: 6379))
        #expect(try Probe.parseCheck("tcp [::1]:80") == .tcp(host: "::1", port: 80))
        #expect(
            try Probe.parseCheck("http http://localhost:8000/health?x=1")
                == .http(host: "localhost", port: 8000, path: "/health?x=1"))
        #expect(try Probe.parseCheck("http http://example.org") == .http(host: "example.org", port: 80, path: "/"))
        #expect(
            try Probe.parseCheck("exec redis-cli -p 6379 ping")
                == .exec(arguments: ["redis-cli", "-p", "6379", "ping"]))
        for bad in ["tcp localhost", "tcp :80", "http https://x/", "http ftp://x", "exec", "ping 127.0.0.1"] {
            #expect(throws: ProbeError.self, "\(bad)") { try Probe.parseCheck(bad) }
        }
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let configuration = try fixture.load(
            "tend.conf",
            """
            [program:redis]
            command = /bin/sleep 100
            readiness_probe = exec redis-cli ping
            readiness_interval = 0.5
            readiness_timeout = 1
            readiness_failure_threshold = 2
            readiness_success_threshold = 3
            readiness_initial_delay = 0
            liveness_probe = tcp 127.0.0.1:6379

            [program:api]
            command = /bin/sleep 100
            ready = notify
            depends_on = redis:healthy
            depends_timeout = 30

            [program:web]
            command = /bin/sleep 100
            ready = log
            ready_log_line = ^Listening on [0-9]+$
            depends_on = api:healthy, redis
            """)
        let redis = try #require(configuration.programs.first { $0.name == "redis" })
        let readiness = try #require(redis.readinessProbe)
        #expect(
            readiness.check == .exec(arguments: ["redis-cli", "ping"]) && readiness.interval == 0.5
                && readiness.timeout == 1)
        #expect(readiness.failureThreshold == 2 && readiness.successThreshold == 3 && readiness.initialDelay == 0)
        #expect(redis.livenessProbe == Probe(check: .tcp(host: "127.0.0.1", port: 6379)))
        let api = try #require(configuration.programs.first { $0.name == "api" })
        #expect(
            api.ready == .notify && api.dependsTimeout == 30
                && api.dependencies == [Dependency(name: "redis", condition: .healthy)])
        let web = try #require(configuration.programs.first { $0.name == "web" })
        #expect(web.ready == .log && web.readyLogLine == "^Listening on [0-9]+$")
        let graph = DependencyGraph(groups: configuration.groups)
        #expect(graph.needs["web:web"]?.map(\.key) == ["api:api", "redis:redis"])
        #expect(graph.dependants["redis:redis"] == ["api:api", "web:web"])
        #expect(graph.allDependants(of: "redis:redis") == ["api:api", "web:web"])
        #expect(graph.allDependencies(of: "web:web") == ["api:api", "redis:redis"])
        #expect(graph.firstCycle() == nil)
    }

    @Test func aGroupNameStandsForEachOfItsProcesses() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let configuration = try fixture.load(
            "tend.conf",
            """
            [group:backends]
            programs = cache, db

            [program:cache]
            command = /bin/sleep 100

            [program:db]
            command = /bin/sleep 100

            [program:web]
            command = /bin/sleep 100
            depends_on = backends
            """)
        let graph = DependencyGraph(groups: configuration.groups)
        #expect(graph.needs["web:web"]?.map(\.key) == ["backends:cache", "backends:db"])
    }

    @Test func aCycleAnUnknownNameAndAnImpossibleConditionAreErrorsAtTheirLine() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.path("tend.conf")
        #expect(
            fixture.errors(
                "tend.conf",
                """
                [program:a]
                command = /bin/true
                depends_on = b

                [program:b]
                command = /bin/true
                depends_on = c

                [program:c]
                command = /bin/true
                depends_on = a

                [program:d]
                command = /bin/true
                depends_on = nothing, stack:a:asleep
                """) == [
                    "\(path):3: dependency cycle: a -> b -> c -> a",
                    "\(path):15: invalid 'depends_on': unknown condition 'asleep' in 'stack:a:asleep': one of started, healthy, completed, completed_successfully, log_ready",
                ])
        #expect(
            fixture.errors(
                "tend.conf",
                """
                [program:d]
                command = /bin/true
                depends_on = nothing, d, a:healthy, a:log_ready, a:asleep

                [program:a]
                command = /bin/true
                autostart = false

                [program:e]
                command = /bin/true
                depends_timeout = 5
                readiness_interval = 3
                ready = log
                """) == [
                    "\(path):3: 'd' depends on 'nothing', but no group or program has that name",
                    "\(path):3: 'd' depends on 'a:asleep', but no group or program has that name (a condition is one of started, healthy, completed, completed_successfully, log_ready)",
                    "\(path):3: 'd' depends on itself",
                    "\(path):3: 'd' waits for 'a:healthy', but 'a' has no readiness_probe and no 'ready': it could never become healthy",
                    "\(path):3: 'd' starts automatically but depends on 'a', which has autostart=false: nothing would start it (set autostart=true on 'a' or autostart=false on 'd')",
                    "\(path):3: 'd' waits for 'a:log_ready', but 'a' has no ready_log_line",
                    "\(path):11: 'depends_timeout' needs 'depends_on': it bounds the wait for dependencies",
                    "\(path):12: 'readiness_interval' needs 'readiness_probe'",
                    "\(path):13: 'ready = log' needs 'ready_log_line', the pattern of the line that says the program is ready",
                ])
    }
}
