#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An exclusive `flock` on a file beside a database: one daemon per embedded store. The kernel drops it when
/// the daemon dies, even by `kill -9`, so a restart never finds a stale lock.
final class StoreLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock on `path` (created if needed) without waiting.
    /// - Throws: `JobStoreError` when another process holds it or the file cannot be opened.
    init(path: String) throws(JobStoreError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw JobStoreError("couldn't open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw JobStoreError("the job database is in use by another process (lock \(path))")
            }
            throw JobStoreError("couldn't lock \(path): \(String(cString: strerror(code)))")
        }
        descriptor = fd
    }

    /// Releases the lock.
    func release() {
        close(descriptor)
    }
}
