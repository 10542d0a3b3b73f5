import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ReliabilitySuite {
    /// The programs' log directory on a small tmpfs that a chatty program fills: supervision and the control API
    /// go on, each log file's trouble is logged once (not once per write), and logging resumes when space
    /// returns. Needs root (to mount); CI runs as root, and anywhere else the test fails saying so.
    @Suite struct DiskFullTests {
        @Test func aFullLogDiskStopsNeitherSupervisionNorTheControlAPIAndLoggingResumes() async throws {
            let disk = try ReliabilityTmpfs(size: 512 * 1024)
            let logs = disk.path
            // The programs' stdout logs are on the tmpfs; the daemon's own log stays in the fixture's directory.
            // Each crasher run writes more than a page, so a full tmpfs fails its write (a short line would still fit
            // in the page its file already has).
            let daemon = try DaemonFixture(
                programs: #"""
                    [program:chatty]
                    command = /bin/sh -c 'i=0; while :; do i=$((i+1)); printf "chatty line %%d %%0500d\n" $i 0; sleep 0.02; done'
                    startsecs = 0
                    stdout_logfile = \#(logs)/chatty.log

                    [program:crasher]
                    command = /bin/sh -c 'head -c 5000 /dev/zero | tr "\\0" c; echo; sleep 1.2; exit 1'
                    startsecs = 1
                    autorestart = true
                    stdout_logfile = \#(logs)/crasher.log
                    """#)
            defer {
                daemon.tearDown()
                disk.remove()
            }
            try await daemon.startOffThread()
            _ = try await daemon.waitForPrograms(2)
            try await daemon.waitForLog("spawned: 'crasher'", count: 2, timeout: .seconds(20))

            // A filler leaves 64 KiB, which chatty (25 KB/s) fills within seconds.
            try disk.fill("filler", leaving: 64 * 1024)
            try await daemon.waitForLog("\(logs)/chatty.log", timeout: .seconds(20))
            try await daemon.waitForLog("\(logs)/crasher.log", timeout: .seconds(20))
            let restartsBefore = count("spawned: 'crasher'", in: daemon.log)
            // Supervision goes on: the crasher is restarted twice more, the control API answers, stop and start work.
            try await daemon.waitForLog("spawned: 'crasher'", count: restartsBefore + 2, timeout: .seconds(20))
            let status = try await daemon.tendOffThread(["status", "chatty"])
            #expect(status.stdout.contains("RUNNING"), "\(status)")
            let stop = try await daemon.tendOffThread(["stop", "chatty"])
            #expect(stop.lines == ["chatty: stopped"], "\(stop)")
            let start = try await daemon.tendOffThread(["start", "chatty"])
            #expect(start.lines == ["chatty: started"], "\(start)")
            try await Task.sleep(for: .milliseconds(500))  // lets the restarted chatty write (and fail) a few times
            let fullLog = daemon.log
            for file in ["chatty.log", "crasher.log"] {
                let reports = fullLog.split(separator: "\n").filter { $0.contains("\(logs)/\(file)") }
                #expect(reports.count == 1, "\(file) is reported once, not per write: \(reports)")
            }

            let sizeWhenFull =
                (try? FileManager.default.attributesOfItem(atPath: logs + "/chatty.log")[.size] as? Int) ?? 0
            unlink(logs + "/filler")
            try await daemon.waitForLog("writing \(logs)/chatty.log works again", timeout: .seconds(20))
            try await daemon.waitForLog("writing \(logs)/crasher.log works again", timeout: .seconds(20))
            let recovered = daemon.log.split(separator: "\n").filter { $0.contains("\(logs)/chatty.log works again") }
            let lines = try String(contentsOfFile: logs + "/chatty.log", encoding: .utf8).split(separator: "\n")
            let size = (try? FileManager.default.attributesOfItem(atPath: logs + "/chatty.log")[.size] as? Int) ?? 0
            #expect(size > sizeWhenFull, "chatty's log grows again")
            #expect(lines.last?.hasPrefix("chatty line") == true)
            print(
                "reliability: disk full: tmpfs 512 KiB; chatty.log \(sizeWhenFull) bytes when full, \(size) after; "
                    + "\(count("spawned: 'crasher'", in: daemon.log) - restartsBefore) crasher restarts while full; "
                    + "recovery noted: \(recovered.first ?? "")")
        }

        private func count(_ text: String, in log: String) -> Int { log.components(separatedBy: text).count - 1 }
    }
}
