import TendConfig
import TendPlatform

/// The control socket's file: checked before binding, then given the mode and owner of
/// `[unix_http_server] chmod` and `chown` right after binding, as supervisord does.
struct SocketFile {
    let settings: UnixServerSettings
    /// The resolved `chown` owner; `nil` when unset or when this process is not root.
    private let owner: (uid: UInt32, gid: UInt32)?

    /// Checks the path and resolves the owner before anything is bound.
    /// - Throws: `ControlServerError` when the path is too long, names something that is not a socket,
    ///   or `chown` names an unknown user or group.
    init(_ settings: UnixServerSettings) throws(ControlServerError) {
        self.settings = settings
        let listener = "unix://" + settings.file
        let length = settings.file.utf8.count
        let limit = UnixSocketProbe.maxPathLength
        guard length <= limit else {
            throw ControlServerError(
                listener: listener, reason: "the path is \(length) bytes long, a socket path holds at most \(limit)")
        }
        if let kind = FileStatus.kind(of: settings.file), kind != .socket {
            throw ControlServerError(
                listener: listener, reason: "the path exists and is not a socket; remove it or choose another file")
        }
        guard let spec = settings.chown, UserIdentity.daemonIsRoot else {
            owner = nil
            return
        }
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let user = parts.first, let account = try? UserIdentity.lookup(user) else {
            throw ControlServerError(listener: listener, reason: "chown: no such user '\(parts.first ?? spec)'")
        }
        var group = account.gid
        if parts.count == 2 {
            guard let id = UserIdentity.groupID(named: parts[1]) else {
                throw ControlServerError(listener: listener, reason: "chown: no such group '\(parts[1])'")
            }
            group = id
        }
        owner = (account.uid, group)
    }

    /// Sets the socket's mode and owner. Call right after bind.
    /// - Returns: what failed, or `nil`.
    func applyOwnership() -> String? {
        do throws(SystemError) {
            try FileStatus.setMode(settings.file, to: settings.chmod)
            if let owner { try FileStatus.setOwner(settings.file, uid: owner.uid, gid: owner.gid) }
            return nil
        } catch {
            return error.description
        }
    }
}
