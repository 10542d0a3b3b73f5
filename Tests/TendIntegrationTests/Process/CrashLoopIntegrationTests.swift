import Foundation
import Testing

/// A program that cannot run does not make the daemon spin: its restarts are delayed, and the daemon says so.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CrashLoopIntegrationTests {
    @Test func aCrashLoopingProgramIsRestartedWithAGrowingDelayUnlessCrashLoopBackoffIsOff() async throws {
        let run =
            "command = /bin/sh -c 'echo x >> %(here)s/%(program_name)s.runs; exit 1'\nstartsecs = 0\nautorestart = true"
        let daemon = try DaemonFixture(
            programs: """
                [program:looper]
                \(run)

                [program:instant]
                \(run)
                crashloop_backoff = false
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForLog(
            "backoff: 'looper' is in a crash loop: exited 3 times in a row within 1 s of its start; next start in 100 ms"
        )
        let deadline = ContinuousClock.now + .seconds(60)
        while daemon.lines(of: "instant.runs").count < 100, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let looper = daemon.lines(of: "looper.runs").count
        // Stop the spinning one at once: its fork storm would slow every other test running beside this one.
        _ = try daemon.tend(["stop", "instant"])
        let instant = daemon.lines(of: "instant.runs").count
        #expect(instant >= 100, "supervisord's instant restarts without crashloop_backoff")
        #expect(looper < 15, "looper ran \(looper) times while instant ran \(instant) times")
        let status = try daemon.tend(["status", "looper"])
        #expect(
            status.stdout.range(
                of: #"looper\s+(BACKOFF\s+crash loop: exited \d+ times in a row|STARTING|RUNNING)"#,
                options: .regularExpression) != nil, "\(status)")
        // The log has one line per delayed restart, not two per spawn.
        #expect(daemon.log.components(separatedBy: "spawned: 'looper'").count - 1 <= 3, "\(daemon.log.suffix(2000))")
        let stop = try daemon.tend(["stop", "looper"])
        #expect(stop.lines == ["looper: stopped"], "\(stop)")
        #expect(try daemon.states()["looper"]?.state == "STOPPED")
    }
}
