#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The daemon's record of every child it started, kept in its run directory so that a later `tend up`
/// (or `tend kill`) can find children a crashed daemon left behind. A process is identified by its pid
/// *and* its start time from /proc, so a recycled pid is never mistaken for a child.
///
/// The file is append-only (`+ pid starttime name` when a child starts, `- pid` when it is reaped) and
/// is rewritten compactly when it grows past twice the live entries.
public final class ChildRecords {
    /// One recorded child.
    public struct Entry: Sendable, Hashable {
        public var pid: Int32
        public var startTime: UInt64
        public var name: String
    }

    public let path: String
    private var fd: Int32
    private var live: [Int32: Entry] = [:]
    private var lines = 0

    /// Starts a fresh record file at `path`. The children an old file names that are still alive (left by a daemon
    /// that died, when `tend up --skip-cleanup` did not end them) are carried over, so `tend processes` and
    /// `tend kill` still find them; an old file that was dealt with (cleaned up and removed) carries nothing.
    /// - Throws: `ChildRecordsError` when the file cannot be created.
    public init(path: String) throws(ChildRecordsError) {
        self.path = path
        let survivors = Self.survivors(path: path)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ChildRecordsError(path: path, errno: errno) }
        for entry in survivors {
            live[entry.pid] = entry
            append("+ \(entry.pid) \(entry.startTime) \(entry.name)\n")
        }
    }

    deinit {
        close(fd)
    }

    /// Records a started child; `startTime` is read from /proc unless the caller already has it.
    public func add(pid: Int32, startTime: UInt64? = nil, name: String) {
        let entry = Entry(pid: pid, startTime: startTime ?? ProcStat.startTime(of: pid) ?? 0, name: name)
        live[pid] = entry
        append("+ \(pid) \(entry.startTime) \(name)\n")
    }

    /// Records that a child was reaped.
    public func remove(pid: Int32) {
        guard live.removeValue(forKey: pid) != nil else { return }
        append("- \(pid)\n")
        if lines > 2 * live.count + 64 { compact() }
    }

    /// Removes the file (clean shutdown: nothing is left behind).
    public func removeFile() {
        unlink(path)
    }

    private func append(_ line: String) {
        var line = line
        line.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
        lines += 1
    }

    private func compact() {
        let temporary = path + ".new"
        let newFD = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard newFD >= 0 else { return }
        var text = ""
        for entry in live.values { text += "+ \(entry.pid) \(entry.startTime) \(entry.name)\n" }
        text.withUTF8 { _ = write(newFD, $0.baseAddress, $0.count) }
        guard rename(temporary, path) == 0 else {
            close(newFD)
            return
        }
        close(fd)
        fd = newFD
        lines = live.count
    }

    /// Reads a record file: the children still recorded as live.
    public static func read(path: String) -> [Entry] {
        guard let text = ProcStat.readLargeFile(path) else { return [] }
        var live: [Int32: Entry] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 3)
            guard fields.count >= 2, let pid = Int32(fields[1]) else { continue }
            if fields[0] == "+", fields.count >= 3, let start = UInt64(fields[2]) {
                live[pid] = Entry(pid: pid, startTime: start, name: fields.count > 3 ? String(fields[3]) : "")
            } else if fields[0] == "-" {
                live.removeValue(forKey: pid)
            }
        }
        return live.values.sorted { $0.pid < $1.pid }
    }

    /// The recorded children that are still alive as the same processes (pid and start time match).
    public static func survivors(path: String) -> [Entry] {
        read(path: path).filter { ProcStat.startTime(of: $0.pid) == $0.startTime }
    }
}

/// The record file could not be written.
public struct ChildRecordsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String { "can't write child records \(path): \(String(cString: strerror(errno)))" }
}
