#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What a path names (`lstat`), and its mode and owner (`chmod`, `chown`).
public enum FileStatus {
    /// The kind of file a path names.
    public enum Kind: Sendable, Hashable {
        case regular, directory, socket, symbolicLink, other
    }

    /// What `path` itself names (a symbolic link is not followed), or `nil` when nothing is there.
    public static func kind(of path: String) -> Kind? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFSOCK: return .socket
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The size in bytes of the file at `path` (links followed), or `nil` when it cannot be read.
    public static func size(of path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_size)
    }

    /// Whether something is at `path` (links followed, as `access(F_OK)`).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// When the file at `path` (links followed) was last modified, in whole seconds since the epoch, or `nil` when
    /// it cannot be read.
    public static func modificationTime(of path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_mtim.tv_sec)
    }

    /// Empties the file at `path` in place (`truncate(2)` to 0 bytes): whoever has it open keeps writing into
    /// the same, now empty, file.
    /// - Throws: `SystemError` when the system refuses.
    public static func truncate(_ path: String) throws(SystemError) {
        guard Glibc.truncate(path, 0) == 0 else { throw SystemError("truncate", path: path) }
    }

    /// Sets the permission bits of `path`.
    /// - Throws: `SystemError` when the system refuses.
    public static func setMode(_ path: String, to mode: UInt32) throws(SystemError) {
        guard chmod(path, mode_t(mode)) == 0 else {
            throw SystemError("chmod", path: path + " to " + String(mode, radix: 8))
        }
    }

    /// Gives `path` to `uid`:`gid`.
    /// - Throws: `SystemError` when the system refuses.
    public static func setOwner(_ path: String, uid: UInt32, gid: UInt32) throws(SystemError) {
        guard chown(path, uid, gid) == 0 else {
            throw SystemError("chown", path: path + " to \(uid):\(gid)")
        }
    }
}
