import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One process as /proc shows it.
struct ReliabilityProcess: Hashable, CustomStringConvertible {
    var pid: Int32
    var processGroup: Int32
    /// Clock ticks after boot at which it started: with `pid`, an identity that survives pid reuse.
    var startTime: UInt64

    var description: String { "pid \(pid) (group \(processGroup))" }

    /// True while this very process (same pid, same start time) exists and is not a zombie.
    var isAlive: Bool {
        guard let now = ReliabilityProcessTable.process(pid), now.startTime == startTime else { return false }
        return TendIntegrationTests.isAlive(pid)
    }
}

/// Reads /proc for the reliability tests: which processes carry a marker in their environment (every descendant of
/// a program or job inherits it), their process groups, and a daemon's CPU time and resident memory.
enum ReliabilityProcessTable {
    /// The fields of /proc/PID/stat after the command name, from `state` (field 3) on.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// `pid` as /proc shows it now, or nil when it does not exist.
    static func process(_ pid: Int32) -> ReliabilityProcess? {
        guard let fields = statFields(pid), fields.count > 19, let group = Int32(fields[2]),
            let start = UInt64(fields[19])
        else { return nil }
        return ReliabilityProcess(pid: pid, processGroup: group, startTime: start)
    }

    /// Every live (non-zombie) process on the machine.
    static func all() -> [ReliabilityProcess] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).compactMap(process).filter { TendIntegrationTests.isAlive($0.pid) }
    }

    /// Every live process whose environment holds the entry `entry` (`NAME=value`).
    static func processes(withEnvironment entry: String) -> [ReliabilityProcess] {
        let needle = Data(entry.utf8)
        return all().filter { process in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(process.pid)/environ") else {
                return false
            }
            return environment.split(separator: 0).contains { Data($0) == needle }
        }
    }

    /// Every live process in process group `group`.
    static func members(ofGroup group: Int32) -> [ReliabilityProcess] {
        all().filter { $0.processGroup == group }
    }

    /// utime + stime of `pid`, in clock ticks (`sysconf(_SC_CLK_TCK)` a second).
    static func cpuTicks(of pid: Int32) -> Int? {
        guard let fields = statFields(pid), fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12])
        else { return nil }
        return user + system
    }

    /// Clock ticks a second.
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// VmRSS of `pid` in KiB.
    static func residentKiB(of pid: Int32) -> Int? {
        statusField("VmRSS", of: pid).flatMap { Int($0.split(separator: " ").first ?? "") }
    }

    /// True when `pid` ignores SIGTERM (bit 15 of SigIgn in /proc/PID/status).
    static func ignoresSIGTERM(_ pid: Int32) -> Bool {
        guard let mask = statusField("SigIgn", of: pid).flatMap({ UInt64($0, radix: 16) }) else { return false }
        return mask & (1 << (UInt64(SIGTERM) - 1)) != 0
    }

    private static func statusField(_ name: String, of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
