import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The CLI never hangs on a daemon that accepts connections but does not answer; a request that waits on purpose
/// still waits.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct UnresponsiveDaemonTests {
    @Test func aStoppedDaemonGetsAClearErrorInsteadOfAHangAndALongStartStillWaits() async throws {
        let daemon = try DaemonFixture(
            programs: """
                [program:slow]
                command = /bin/sleep 600
                autostart = false
                startsecs = 7
                """)
        defer { daemon.tearDown() }
        try daemon.start()
        let start = try await daemon.tendOffThread(["start", "slow"])
        #expect(
            start.status == 0 && start.lines == ["slow: started"], "a start that waits 7 s is not cut short: \(start)")

        let pid = try #require(daemon.daemonPID)
        kill(pid, SIGSTOP)
        defer { kill(pid, SIGCONT) }
        let began = Date()
        let status = try await daemon.tendOffThread(["status"], timeout: 60)
        #expect(status.status == 1, "\(status)")
        #expect(
            status.stderr.contains("stopped (SIGSTOP) or stuck") && status.stderr.contains("tend kill"), "\(status)")
        #expect(Date().timeIntervalSince(began) < 30)
        let processes = try daemon.tend(["processes"])
        #expect(processes.status == 0 && processes.stdout.contains("Found process \(pid)"), "\(processes)")
    }
}
