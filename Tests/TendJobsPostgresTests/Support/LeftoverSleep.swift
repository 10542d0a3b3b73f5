import Foundation
import TendJobs
import TendPlatform

#if canImport(Glibc)
    import Glibc
#endif

/// A `sleep 60` started by the test, standing for the process a crashed daemon left running for its job.
struct LeftoverSleep {
    let pid: pid_t
    let identity: JobProcessIdentity

    init() throws {
        var pid: pid_t = 0
        let argv = ["/bin/sleep", "60"]
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        guard posix_spawn(&pid, "/bin/sleep", nil, nil, &cArguments, environ) == 0 else {
            throw ServerScriptFailed(description: "couldn't start sleep")
        }
        self.pid = pid
        // Field 22 of /proc/PID/stat: the start time in clock ticks since boot.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let fields = stat[(stat.lastIndex(of: ")").map { stat.index($0, offsetBy: 2) } ?? stat.startIndex)...]
            .split(separator: " ")
        identity = JobProcessIdentity(pid: pid, startTime: fields.count > 19 ? UInt64(fields[19]) ?? 0 : 0)
    }

    /// Reaps the process; `false` when it still runs after `timeout` seconds (then it is killed).
    func waitForExit(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return true }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return false
    }
}
