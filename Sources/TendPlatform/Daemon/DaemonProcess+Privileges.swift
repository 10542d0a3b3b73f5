#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension DaemonProcess {
    /// A resource limit that `[supervisord]` asks to raise at start.
    public enum Limit: Sendable {
        /// Open descriptors (`minfds`).
        case openFiles
        /// Processes of the daemon's user (`minprocs`).
        case processes

        var resource: Int32 {
            switch self {
            case .openFiles: Int32(RLIMIT_NOFILE.rawValue)
            case .processes: Int32(__RLIMIT_NPROC.rawValue)
            }
        }

        var setting: String { self == .openFiles ? "minfds" : "minprocs" }
        var what: String { self == .openFiles ? "file descriptors" : "processes" }
    }

    /// Raises `limit` to at least `minimum` when the hard limit allows (as root, the hard limit too).
    /// - Returns: supervisord's message when the limit could not be raised enough.
    public static func raise(_ limit: Limit, to minimum: Int) -> String? {
        var value = rlimit()
        getrlimit(limit.resource, &value)
        let wanted = rlim_t(minimum)
        guard value.rlim_cur != rlim_t.max, value.rlim_cur < wanted else { return nil }
        var raised = value
        raised.rlim_cur = wanted
        if raised.rlim_max != rlim_t.max, raised.rlim_max < wanted { raised.rlim_max = wanted }
        if setrlimit(limit.resource, &raised) != 0 {
            // Not root: go as far as the hard limit.
            value.rlim_cur = min(wanted, value.rlim_max)
            setrlimit(limit.resource, &value)
            return
                "The minimum number of \(limit.what) required to run this process is \(minimum) as per the \"\(limit.setting)\" command-line argument or config file setting. The current environment will only allow you to open \(value.rlim_cur) \(limit.what)."
        }
        return nil
    }

    /// Switches the daemon to `user` (`[supervisord] user`), as supervisord does before it opens its logs
    /// and sockets: its groups, then its gid, then its uid; then it starts this program again with the same
    /// arguments, so that every thread, the main one included, runs as that user (an async Swift program's
    /// main thread has already left, and glibc no longer changes its credentials). Nothing happens when the
    /// daemon already runs as that user: that is how the new copy goes on.
    /// - Returns: a message when the switch is impossible (no such user, or the daemon is not root); the
    ///   daemon must not go on then.
    public static func switchUser(to user: String) -> String? {
        let identity: UserIdentity
        do { identity = try UserIdentity.lookup(user) } catch { return error.message }
        guard getuid() != identity.uid || geteuid() != identity.uid else { return nil }
        guard geteuid() == 0 else { return "Can't drop privilege as nonroot user" }
        var groups = identity.groups.map { gid_t($0) }
        if setgroups(groups.count, &groups) != 0 { return "Could not set groups of effective user: \(errnoText())" }
        if setgid(identity.gid) != 0 { return "Could not set group id of effective user: \(errnoText())" }
        if setuid(identity.uid) != 0 { return "Could not set user id of effective user: \(errnoText())" }
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(executablePath, arguments)
        return "switched to user \(user) but could not start \(executablePath) again as that user: \(errnoText())"
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
