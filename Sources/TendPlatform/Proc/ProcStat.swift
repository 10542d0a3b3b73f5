#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads `/proc/<pid>/stat`: the start time that, with the pid, identifies a process for good.
public enum ProcStat {
    /// The process's start time in clock ticks since boot (field 22), or `nil` when it is gone.
    public static func startTime(of pid: Int32) -> UInt64? {
        guard let text = readSmallFile("/proc/\(pid)/stat") else { return nil }
        // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// The process group of `pid`, or `nil` when it is gone.
    public static func processGroup(of pid: Int32) -> Int32? {
        guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2 else { return nil }
        return Int32(fields[2])
    }

    /// CPU time (user and system, fields 14 and 15) in seconds and resident memory (field 24) in bytes of `pid`, from
    /// one read of `/proc/<pid>/stat`, or `nil` when it is gone.
    public static func usage(of pid: Int32) -> (cpuSeconds: Double, residentBytes: Int)? {
        guard let text = readSmallFile("/proc/\(pid)/stat", capacity: 4096), let close = text.lastIndex(of: ")") else {
            return nil
        }
        let fields = text[text.index(after: close)...].split(separator: " ", maxSplits: 23)
        guard fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]),
            let pages = Int(fields[21])
        else { return nil }
        return ((user + system) / Double(Self.clockTicks), pages * Self.pageSize)
    }

    private static let clockTicks = sysconf(Int32(_SC_CLK_TCK))
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Resident set size in bytes of `pid`, from `/proc/<pid>/statm`.
    public static func residentBytes(of pid: Int32) -> Int? {
        guard let text = readSmallFile("/proc/\(pid)/statm", capacity: 4096) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The pids of the process group `group` that have not exited (zombies excluded).
    public static func liveMembers(ofGroup group: Int32) -> [Int32] {
        members(ofGroup: group).filter { pid in
            guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")"),
                let state = text[text.index(after: close)...].split(separator: " ").first
            else { return false }
            return state != "Z" && state != "X"
        }
    }

    /// Every pid in the process group `group` (from /proc; used only at start-up clean-up and during group stops).
    public static func members(ofGroup group: Int32) -> [Int32] {
        DirectoryListing.names(in: "/proc").compactMap { name in
            guard let pid = Int32(name), processGroup(of: pid) == group else { return nil }
            return pid
        }
    }

    /// Reads a whole file of any size, or `nil`.
    public static func readLargeFile(_ path: String) -> String? { TextFile.read(path) }

    /// Reads a file of at most `capacity` bytes (a /proc file; 64 KiB by default), or `nil`.
    public static func readSmallFile(_ path: String, capacity: Int = 65536) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: capacity)
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if count <= 0 { break }
            total += count
        }
        return String(decoding: buffer[..<total], as: UTF8.self)
    }
}
