import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `[supervisord] user`: the daemon switches to that user before it opens its logs and sockets, as
/// supervisord does, and its programs run as that user too.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct DaemonUserTests {
    /// The real uid in /proc/PID/status.
    private func uid(of pid: Int32) throws -> UInt32? {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
        return line.flatMap { $0.split(whereSeparator: \.isWhitespace).dropFirst().first }.flatMap { UInt32($0) }
    }

    @Test func theDaemonAndItsProgramsRunAsTheConfiguredUser() async throws {
        let daemon = try DaemonFixture(
            programs: "[program:one]\ncommand = /bin/sleep 600\nstartsecs = 0\n", extraDaemonSettings: "user = nobody")
        defer { daemon.tearDown() }
        guard let nobody = getpwnam("nobody")?.pointee.pw_uid else {
            Issue.record("this machine has no user 'nobody' to switch to")
            return
        }
        chmod(daemon.directory, 0o777)  // the daemon writes its log, pidfile and socket there as nobody
        if geteuid() != 0 {
            let result = try daemon.tend(["up"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("Can't drop privilege as nonroot user"), "\(result)")
            return
        }
        try daemon.start()
        try await daemon.waitForState("one", "RUNNING")
        let daemonPID = try #require(daemon.daemonPID)
        let childPID = try #require(try daemon.states()["one"]?.pid)
        #expect(try uid(of: daemonPID) == nobody)
        #expect(try uid(of: childPID) == nobody)
    }

    @Test func anUnknownUserIsAConfigErrorAndNothingStarts() throws {
        let daemon = try DaemonFixture(programs: "", extraDaemonSettings: "user = no-such-user-here")
        defer { daemon.tearDown() }
        let result = try daemon.tend(["up"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("supervisord.conf:9: invalid user name 'no-such-user-here'"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }
}
