import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted on a directory of its own (root only), and a file that fills it.
final class ReliabilityTmpfs {
    let path: String

    /// Mounts a tmpfs of `size` bytes on a new directory.
    /// - Throws: when the process is not root or the mount fails; the message says so, the test does not skip.
    init(size: Int) throws {
        guard getuid() == 0 else {
            throw DaemonFixtureError(
                description: "this test needs root: it mounts a small tmpfs to fill a disk (CI runs as root)")
        }
        path = try DaemonFixture.makeTemporaryDirectory()
        let result = try DaemonFixture.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard result.status == 0 else {
            rmdir(path)
            throw DaemonFixtureError(description: "mount -t tmpfs on \(path) failed (root is needed): \(result)")
        }
    }

    /// Writes `name` until no more than `leaving` bytes are free (0: until the file system is full).
    func fill(_ name: String, leaving: Int = 0) throws {
        let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DaemonFixtureError(description: "can't create \(name) on the tmpfs") }
        defer { close(fd) }
        let block = [UInt8](repeating: 0x66, count: 4096)
        while freeBytes > leaving {
            let written = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written <= 0 {
                guard errno == ENOSPC else { throw DaemonFixtureError(description: "filling \(name): errno \(errno)") }
                return
            }
        }
    }

    /// Free bytes on the file system.
    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return -1 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Unmounts (lazily, so a process that still holds a file does not keep it) and removes the directory.
    func remove() {
        _ = try? DaemonFixture.run("/bin/umount", ["-l", path])
        rmdir(path)
    }
}
