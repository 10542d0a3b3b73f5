#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An exclusive `flock` on a file, e.g. beside a database so that one daemon at a time uses it. The kernel drops
/// it when the process dies, even by `kill -9`, so a restart never finds a stale lock.
public final class FileLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock on `path` (created if needed) without waiting.
    /// - Throws: `FileLockError` when another process holds it (`isHeldElsewhere`) or the file cannot be opened.
    public init(path: String) throws(FileLockError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw FileLockError(message: "couldn't open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw FileLockError(message: "\(path) is locked by another process", isHeldElsewhere: true)
            }
            throw FileLockError(message: "couldn't lock \(path): \(String(cString: strerror(code)))")
        }
        descriptor = fd
    }

    /// Releases the lock.
    public func release() {
        close(descriptor)
    }
}

/// Why a `FileLock` could not be taken.
public struct FileLockError: Error, Sendable {
    /// What went wrong, naming the file.
    public var message: String
    /// True when another process holds the lock (rather than the file being unusable).
    public var isHeldElsewhere: Bool

    public init(message: String, isHeldElsewhere: Bool = false) {
        self.message = message
        self.isHeldElsewhere = isHeldElsewhere
    }
}
