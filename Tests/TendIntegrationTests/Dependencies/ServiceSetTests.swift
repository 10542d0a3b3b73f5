import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `depends_on`, readiness and liveness under a real daemon: start order, waits with their reason, timeouts,
/// one-shots, restarts, notify readiness, stop order and a reload that changes the graph.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ServiceSetTests {
    /// A program that records when it started (seconds since the epoch) in `NAME.started`, then runs.
    static func recorder(_ name: String, _ extra: String = "") -> String {
        """
        [program:\(name)]
        command = /bin/sh -c 'date +%%s.%%N > \(name).started; exec /bin/sleep 600'
        directory = %(here)s
        \(extra)
        """
    }

    func startTime(_ daemon: DaemonFixture, _ name: String) -> Double? {
        daemon.lines(of: "\(name).started").first.flatMap(Double.init)
    }

    @Test func independentProgramsStartTogetherAndADependantOnlyOnceTheyRunThenStopsFirst() async throws {
        let daemon = try DaemonFixture(
            programs: [
                Self.recorder("db", "startsecs = 2"),
                Self.recorder("cache", "startsecs = 2"),
                Self.recorder("web", "depends_on = db, cache\nstartsecs = 0"),
            ].joined(separator: "\n"))
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("web", "RUNNING")
        let db = try #require(startTime(daemon, "db"))
        let cache = try #require(startTime(daemon, "cache"))
        let web = try #require(startTime(daemon, "web"))
        #expect(abs(db - cache) < 1, "db and cache start in parallel: \(db) \(cache)")
        #expect(web >= max(db, cache) + 1.9, "web starts once both are RUNNING (startsecs = 2): \(db) \(cache) \(web)")
        #expect(daemon.log.contains("waiting: 'web' waits for db, cache"), "\(daemon.log)")

        let stop = try await daemon.tendOffThread(["stop", "db"])
        #expect(stop.status == 0, "\(stop)")
        #expect(stop.lines == ["web: stopped", "db: stopped"], "\(stop)")
        #expect(daemon.log.contains("stopping 'web' first: it depends on 'db'"))
        let log = daemon.log
        let webStopped = try #require(log.range(of: "stopped: web"))
        let dbStopped = try #require(log.range(of: "stopped: db"))
        #expect(webStopped.lowerBound < dbStopped.lowerBound)
        #expect(try daemon.states()["cache"]?.state == "RUNNING")
    }

    @Test func startingADependantStartsWhatItNeedsFirstAndRestartBringsDependantsBack() async throws {
        let daemon = try DaemonFixture(
            programs: [
                Self.recorder("db", "autostart = false\nstartsecs = 1"),
                Self.recorder("web", "autostart = false\nstartsecs = 0\ndepends_on = db"),
            ].joined(separator: "\n"))
        defer { daemon.tearDown() }
        try daemon.start()
        let start = try await daemon.tendOffThread(["start", "web"])
        #expect(start.status == 0 && start.lines == ["web: started"], "\(start)")
        let states = try daemon.states()
        #expect(states["db"]?.state == "RUNNING" && states["web"]?.state == "RUNNING", "\(states)")
        #expect(daemon.log.contains("starting 'db' first: 'web' depends on it"))
        let firstWeb = try #require(states["web"]?.pid)

        let restart = try await daemon.tendOffThread(["restart", "db"])
        #expect(restart.status == 0, "\(restart)")
        #expect(restart.lines.contains("web: stopped") && restart.lines.contains("db: started"), "\(restart)")
        try await daemon.waitForState("web", "RUNNING")
        #expect(try daemon.states()["web"]?.pid != firstWeb)
    }

    @Test func aDependencyThatNeverGetsHealthyKeepsItsDependantWaitingUntilDependsTimeout() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:db]
                command = /bin/sleep 600
                readiness_probe = exec /bin/sh -c 'echo not yet; exit 1'
                readiness_interval = 0.2
                readiness_failure_threshold = 3

                [program:web]
                command = /bin/sleep 600
                depends_on = db:healthy
                depends_timeout = 10
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForLog("health: 'db' is unhealthy: readiness probe failed 3 times: exit status 1: not yet")
        let waiting = try daemon.tend(["status"])
        #expect(
            waiting.stdout.range(
                of: #"db\s+(STARTING|RUNNING) \(unhealthy: readiness probe failed \d+ times: "#,
                options: .regularExpression) != nil, "\(waiting)")
        #expect(
            waiting.stdout.range(of: #"web\s+STARTING\s+waiting for db to be healthy"#, options: .regularExpression)
                != nil, "\(waiting)")
        try await daemon.waitForState("web", "FATAL", timeout: .seconds(25))
        let fatal = try daemon.tend(["status", "web"])
        #expect(fatal.status == 3)
        #expect(
            fatal.stdout.contains("timed out after 10 s (depends_timeout) waiting for db to be healthy"), "\(fatal)")
    }

    @Test func aOneShotThatFailsLeavesItsDependantNotStartedAndOneThatSucceedsLetsItsDependantStart() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:migrate]
                command = /bin/sh -c 'sleep 0.5; exit 3'
                startsecs = 0
                autorestart = false

                [program:seed]
                command = /bin/sh -c 'sleep 0.5; echo seeded > %(here)s/seeded'
                startsecs = 0
                autorestart = false

                [program:api]
                command = /bin/sleep 600
                depends_on = migrate:completed_successfully

                [program:worker]
                command = /bin/sh -c 'test -e %(here)s/seeded && exec /bin/sleep 600'
                depends_on = seed:completed_successfully
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("worker", "RUNNING")
        try await daemon.waitForState("api", "FATAL")
        let status = try daemon.tend(["status", "api"])
        #expect(
            status.stdout.contains("dependency 'migrate' exited with 3; completed_successfully needs exit status 0"),
            "\(status)")
        #expect(!daemon.log.contains("spawned: 'api'"))
    }

    @Test func aLivenessProbeThatFailsItsThresholdRestartsTheProcess() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:svc]
                command = /bin/sleep 600
                liveness_probe = exec /bin/sh -c 'if test -e %(here)s/broken; then echo broken; exit 1; fi'
                liveness_interval = 0.2
                liveness_failure_threshold = 2
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("svc", "RUNNING")
        let first = try #require(try daemon.states()["svc"]?.pid)
        #expect(try daemon.tend(["status", "svc"]).stdout.contains("RUNNING (healthy)"))
        _ = FileManager.default.createFile(atPath: daemon.directory + "/broken", contents: nil)
        try await daemon.waitForLog("restarting: 'svc': liveness probe failed 2 times: exit status 1: broken")
        try FileManager.default.removeItem(atPath: daemon.directory + "/broken")
        try await daemon.waitForState("svc", "RUNNING")
        let second = try #require(try daemon.states()["svc"]?.pid)
        #expect(second != first && !isAlive(first))
    }

    @Test func notifyReadinessNetworkProbesAndTheReadyLineGateTheirDependants() async throws {
        let port = FreePorts.consecutive()
        let notifier = """
            import os, socket, time
            time.sleep(1)
            address = os.environ["NOTIFY_SOCKET"]
            if address.startswith("@"):
                address = "\\0" + address[1:]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.sendto(b"STATUS=serving\\nREADY=1", address)
            time.sleep(600)
            """
        let daemon = try DaemonFixture(
            programs: """
                [program:notifier]
                command = python3 %(here)s/notifier.py
                ready = notify

                [program:web]
                command = python3 -u -m http.server --bind 127.0.0.1 \(port)
                directory = %(here)s
                readiness_probe = http http://127.0.0.1:\(port)/
                readiness_interval = 0.2
                ready_log_line = ^Serving HTTP on

                [program:port]
                command = /bin/sleep 600
                readiness_probe = tcp 127.0.0.1:\(port)
                readiness_interval = 0.2

                [program:app]
                command = /bin/sh -c 'date +%%s.%%N > %(here)s/app.started; exec /bin/sleep 600'
                depends_on = notifier:healthy, web:healthy, web:log_ready, port:healthy
                """)
        try notifier.write(toFile: daemon.directory + "/notifier.py", atomically: true, encoding: .utf8)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("app", "RUNNING")
        let status = try daemon.tend(["status"])
        #expect(
            status.stdout.range(of: #"notifier\s+RUNNING \(healthy: serving\)"#, options: .regularExpression) != nil,
            "\(status)")
        #expect(status.stdout.range(of: #"web\s+RUNNING \(healthy\)"#, options: .regularExpression) != nil, "\(status)")
        #expect(
            status.stdout.range(of: #"port\s+RUNNING \(healthy\)"#, options: .regularExpression) != nil, "\(status)")
        #expect(daemon.log.contains("ready: 'web' wrote a line matching ready_log_line"), "\(daemon.log)")
        let notified = try #require(daemon.log.range(of: "health: 'notifier' is healthy"))
        let appSpawned = try #require(daemon.log.range(of: "spawned: 'app'"))
        #expect(notified.lowerBound < appSpawned.lowerBound)
    }

    @Test func anUpdateOrAReloadThatChangesTheGraphIsFollowed() async throws {
        let daemon = try DaemonFixture(programs: [Self.recorder("a"), Self.recorder("b")].joined(separator: "\n"))
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("b", "RUNNING")
        try daemon.writeConfig(
            programs: [
                Self.recorder("a"), Self.recorder("b", "depends_on = c"), Self.recorder("c", "startsecs = 5"),
            ].joined(separator: "\n"))
        let update = try await daemon.tendOffThread(["update"])
        #expect(update.status == 0, "\(update)")
        let waiting = try daemon.tend(["status", "b"])
        #expect(
            waiting.stdout.range(of: #"(?m)^b\s+STARTING\s+waiting for c$"#, options: .regularExpression) != nil,
            "\(waiting)")
        try await daemon.waitForState("b", "RUNNING")
        let c = try #require(startTime(daemon, "c"))
        let b = try #require(startTime(daemon, "b"))
        #expect(b >= c + 4.9, "b starts once c is RUNNING: \(c) \(b)")

        // A reload with the graph turned round: c now waits for b, and everything starts again in that order.
        try daemon.writeConfig(
            programs: [
                Self.recorder("a"), Self.recorder("b", "startsecs = 2"), Self.recorder("c", "depends_on = b"),
            ].joined(separator: "\n"))
        #expect(try await daemon.tendOffThread(["reload"]).status == 0)
        try await daemon.waitForLog("waiting: 'c' waits for b")
        try await daemon.waitForState("c", "RUNNING")
        let b2 = try #require(startTime(daemon, "b"))
        let c2 = try #require(startTime(daemon, "c"))
        #expect(c2 >= b2 + 1.9, "after the reload c starts once b is RUNNING: \(b2) \(c2)")
    }

    @Test func healthChangesReachAnEventListenerSubscribedToProcessHealth() async throws {
        let listener = """
            import sys
            out = open(sys.argv[1], "a")
            while True:
                sys.stdout.write("READY\\n"); sys.stdout.flush()
                header = dict(field.split(":", 1) for field in sys.stdin.readline().split())
                payload = sys.stdin.read(int(header["len"]))
                out.write(header["eventname"] + " " + payload.split("\\n")[0] + "\\n"); out.flush()
                sys.stdout.write("RESULT 2\\nOK"); sys.stdout.flush()
            """
        let daemon = try DaemonFixture(
            programs: """
                [eventlistener:health]
                command = python3 %(here)s/listener.py %(here)s/events
                events = PROCESS_HEALTH

                [program:db]
                command = /bin/sleep 600
                readiness_probe = exec /bin/sh -c 'test -e %(here)s/up'
                readiness_interval = 0.2
                readiness_failure_threshold = 1
                """)
        try listener.write(toFile: daemon.directory + "/listener.py", atomically: true, encoding: .utf8)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForLog("health: 'db' is unhealthy")
        _ = FileManager.default.createFile(atPath: daemon.directory + "/up", contents: nil)
        try await daemon.waitForLog("health: 'db' is healthy")
        let deadline = ContinuousClock.now + .seconds(10)
        while daemon.lines(of: "events").count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let events = daemon.lines(of: "events")
        #expect(
            events.map { $0.split(separator: " ")[0] } == [
                "PROCESS_HEALTH_STARTING", "PROCESS_HEALTH_UNHEALTHY", "PROCESS_HEALTH_HEALTHY",
            ], "\(events)")
        #expect(
            events.last?.contains("processname:db groupname:db") == true
                && events.last?.hasSuffix("from:unhealthy to:healthy") == true, "\(events)")
    }

    @Test func tendCheckNamesACycleAtItsLine() throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:a]
                command = /bin/true
                depends_on = b

                [program:b]
                command = /bin/true
                depends_on = a
                """)
        defer { daemon.tearDown() }
        let check = try daemon.tend(["check"])
        #expect(check.status != 0)
        #expect(
            check.stdout.contains("dependency cycle: a -> b -> a")
                || check.stderr.contains("dependency cycle: a -> b -> a"), "\(check)")
    }
}
