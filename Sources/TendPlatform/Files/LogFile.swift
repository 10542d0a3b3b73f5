#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An append-only log file that rotates by size, as supervisord's `RotatingFileHandler`: when a write
/// would pass `maxBytes`, `name.N-1` → `name.N` … `name` → `name.1`, and a new `name` is started.
/// With `backups == 0` the file is truncated instead.
///
/// A failing disk never stops the caller: a write that fails (the disk is full, the directory is gone) drops
/// its bytes, and the owner hears of it once per streak through `onProblem`, not once per write; the next
/// write tries again (reopening the file when it had to be closed), and the first one that works is reported
/// too, with the number of bytes lost in between. Not thread-safe: its owner serialises access (a process's
/// output holds it under its lock, the daemon log under its own).
public final class LogFile: @unchecked Sendable {
    /// What `onProblem` hears: the start and the end of a streak of failures.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// Writing stopped working; bytes are dropped from now on until it works again.
        case failing(SystemError)
        /// Writing works again after `droppedBytes` bytes were lost.
        case recovered(path: String, droppedBytes: Int64)

        public var description: String {
            switch self {
            case .failing(let error): "\(error); log output is dropped until writing works again"
            case .recovered(let path, let dropped): "writing \(path) works again; \(dropped) bytes were dropped"
            }
        }
    }

    /// The live file.
    public let path: String
    /// The size at which the file rotates; 0 for never.
    public let maxBytes: Int64
    /// How many rotated files are kept.
    public let backups: Int
    private let onProblem: @Sendable (Problem) -> Void
    private var fd: Int32 = -1
    private var size: Int64 = 0
    private var droppedBytes: Int64 = 0
    private var failing = false

    /// Opens (creating) `path` for appending.
    /// - Parameter onProblem: told when writing starts failing and when it works again (see the type's
    ///   description); by default nothing is told.
    /// - Throws: `SystemError` when the file cannot be opened.
    public init(
        path: String, maxBytes: Int64, backups: Int, onProblem: @escaping @Sendable (Problem) -> Void = { _ in }
    ) throws(SystemError) {
        self.path = path
        self.maxBytes = maxBytes
        self.backups = backups
        self.onProblem = onProblem
        try openLiveFile()
    }

    deinit {
        Descriptor.close(fd)
    }

    /// Closes and opens the file again (after an external rotation, or `reopenLogs`). When it cannot be
    /// opened, `onProblem` hears of it and later writes keep trying.
    public func reopen() {
        do throws(SystemError) { try openLiveFile() } catch { drop(0, because: error) }
    }

    private func openLiveFile() throws(SystemError) {
        Descriptor.close(fd)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            size = 0
            throw SystemError("open log file", path: path)
        }
        var info = stat()
        size = fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The current size of the live file.
    public var currentSize: Int64 { size }

    /// Appends `bytes`, rotating whenever the live file would pass `maxBytes`. A chunk that does not
    /// fit is split after its last newline that fits (or at the limit when a line is longer than it),
    /// so no file ever exceeds `maxBytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if fd < 0 {
            do throws(SystemError) { try openLiveFile() } catch {
                drop(bytes.count, because: error)
                return
            }
        }
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
            guard fd >= 0 else {
                // The rotation could not open a new file: what is left is lost (reported in `rotate`).
                droppedBytes += Int64(rest.count)
                return
            }
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) {
        guard fd >= 0 else {
            drop(bytes.count, because: SystemError("write", path: path, code: EBADF))
            return
        }
        var offset = 0
        while offset < bytes.count {
            switch Descriptor.write(fd, from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
            case .bytes(let count):
                offset += count
                size += Int64(count)
            case .endOfFile, .wouldBlock:
                drop(bytes.count - offset, because: SystemError("write", path: path, code: EAGAIN))
                return
            case .failed(let code):
                drop(bytes.count - offset, because: SystemError("write", path: path, code: code))
                return
            }
        }
        guard failing else { return }
        failing = false
        onProblem(.recovered(path: path, droppedBytes: droppedBytes))
        droppedBytes = 0
    }

    private func drop(_ count: Int, because error: SystemError) {
        droppedBytes += Int64(count)
        guard !failing else { return }
        failing = true
        onProblem(.failing(error))
    }

    /// Rotates now: shifts the backups and starts an empty live file.
    public func rotate() {
        if backups > 0 {
            for index in stride(from: backups - 1, through: 1, by: -1) {
                rename("\(path).\(index)", "\(path).\(index + 1)")
            }
            rename(path, "\(path).1")
            reopen()
        } else {
            truncateLiveFile()
        }
    }

    /// Empties the live file (supervisord's `clearProcessLog`); backups are removed too.
    public func clear() {
        truncateLiveFile()
        for index in stride(from: 1, through: max(backups, 0), by: 1) {
            unlink("\(path).\(index)")
        }
    }

    private func truncateLiveFile() {
        guard fd >= 0 else { return }
        if ftruncate(fd, 0) != 0 { drop(0, because: SystemError("truncate", path: path)) }
        size = 0
    }
}
