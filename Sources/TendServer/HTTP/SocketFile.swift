import TendConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The control socket's file: checked before binding, then given the mode and owner of
/// `[unix_http_server] chmod` and `chown` right after binding, as supervisord does.
struct SocketFile {
    let settings: UnixServerSettings
    /// The resolved `chown` owner; `nil` when unset or when this process is not root.
    private let owner: (uid: uid_t, gid: gid_t)?

    /// The longest path a unix socket address holds (`sun_path` less its terminating zero).
    static let maxPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Checks the path and resolves the owner before anything is bound.
    /// - Throws: `ControlServerError` when the path is too long, names something that is not a socket,
    ///   or `chown` names an unknown user or group.
    init(_ settings: UnixServerSettings) throws(ControlServerError) {
        self.settings = settings
        let listener = "unix://" + settings.file
        let length = settings.file.utf8.count
        guard length <= Self.maxPathLength else {
            throw ControlServerError(
                listener: listener, reason: "the path is \(length) bytes long, a socket path holds at most \(Self.maxPathLength)")
        }
        var status = stat()
        if lstat(settings.file, &status) == 0 && (status.st_mode & S_IFMT) != S_IFSOCK {
            throw ControlServerError(listener: listener, reason: "the path exists and is not a socket; remove it or choose another file")
        }
        guard let spec = settings.chown, geteuid() == 0 else {
            owner = nil
            return
        }
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let user = parts.first, let account = getpwnam(user) else {
            throw ControlServerError(listener: listener, reason: "chown: no such user '\(parts.first ?? spec)'")
        }
        var group = account.pointee.pw_gid
        if parts.count == 2 {
            guard let entry = getgrnam(parts[1]) else {
                throw ControlServerError(listener: listener, reason: "chown: no such group '\(parts[1])'")
            }
            group = entry.pointee.gr_gid
        }
        owner = (account.pointee.pw_uid, group)
    }

    /// Sets the socket's mode and owner. Call right after bind.
    /// - Returns: what failed, or `nil`.
    func applyOwnership() -> String? {
        guard chmod(settings.file, mode_t(settings.chmod)) == 0 else {
            return "can't chmod \(settings.file) to \(String(settings.chmod, radix: 8)): \(String(cString: strerror(errno)))"
        }
        if let owner, chown(settings.file, owner.uid, owner.gid) != 0 {
            return "can't chown \(settings.file) to \(settings.chown ?? ""): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
