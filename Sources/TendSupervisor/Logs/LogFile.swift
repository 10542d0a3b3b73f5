#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An append-only log file that rotates by size, as supervisord's `RotatingFileHandler`: when a write
/// would pass `maxBytes`, `name.N-1` → `name.N` … `name` → `name.1`, and a new `name` is started.
/// With `backups == 0` the file is truncated instead. Not thread-safe: its owner serialises access
/// (a `ProcessOutput` holds it under its lock, the daemon log under its own).
final class LogFile: @unchecked Sendable {
    let path: String
    let maxBytes: Int64
    let backups: Int
    private var fd: Int32 = -1
    private var size: Int64 = 0

    /// Opens (creating) `path` for appending.
    /// - Throws: `LogFileError` when the file cannot be opened.
    init(path: String, maxBytes: Int64, backups: Int) throws(LogFileError) {
        self.path = path
        self.maxBytes = maxBytes
        self.backups = backups
        try reopen()
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Closes and opens the file again (after an external rotation, or `reopenLogs`).
    func reopen() throws(LogFileError) {
        if fd >= 0 { close(fd) }
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogFileError(path: path, errno: errno) }
        var info = stat()
        size = fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The current size of the live file.
    var currentSize: Int64 { size }

    /// Appends `bytes`, rotating whenever the live file would pass `maxBytes`. A chunk that does not
    /// fit is split after its last newline that fits (or at the limit when a line is longer than it),
    /// so no file ever exceeds `maxBytes`.
    func write(_ bytes: UnsafeRawBufferPointer) {
        guard fd >= 0, !bytes.isEmpty else { return }
        var rest = bytes
        while !rest.isEmpty {
            guard maxBytes > 0, size + Int64(rest.count) > maxBytes else {
                append(rest)
                return
            }
            let room = Int(maxBytes - size)
            var cut = rest.prefix(room).lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            if cut == 0 && size == 0 { cut = room }
            append(UnsafeRawBufferPointer(rebasing: rest[..<cut]))
            rotate()
            rest = UnsafeRawBufferPointer(rebasing: rest[cut...])
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        size += Int64(bytes.count)
    }

    /// Rotates now: shifts the backups and starts an empty live file.
    func rotate() {
        if backups > 0 {
            for index in stride(from: backups - 1, through: 1, by: -1) {
                rename("\(path).\(index)", "\(path).\(index + 1)")
            }
            rename(path, "\(path).1")
            try? reopen()
        } else {
            ftruncate(fd, 0)
            size = 0
        }
    }

    /// Empties the live file (supervisord's `clearProcessLog`); backups are removed too.
    func clear() {
        ftruncate(fd, 0)
        size = 0
        for index in stride(from: 1, through: max(backups, 0), by: 1) {
            unlink("\(path).\(index)")
        }
    }
}

/// A log file that could not be opened.
struct LogFileError: Error, Sendable, CustomStringConvertible {
    var path: String
    var errno: Int32

    var description: String { "can't open log file \(path): \(String(cString: strerror(errno)))" }
}
