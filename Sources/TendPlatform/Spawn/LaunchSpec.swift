/// What to start, in the terms programs and jobs share: a command line looked up in `PATH`, its environment and
/// working settings, and which of its streams get a pipe to the daemon. `Launcher.launch(_:)` turns it into a
/// running child.
public struct LaunchSpec: Sendable {
    /// argv; `arguments[0]` is looked up in `searchPath` when it has no slash.
    public var arguments: [String]
    /// The whole environment of the child, as `KEY=value` strings.
    public var environment: [String]
    /// The `PATH` to find a bare command name in (the daemon's), or `nil` for `/bin:/usr/bin:/usr/local/bin`.
    public var searchPath: String?
    /// The working directory, or `nil` to keep the daemon's.
    public var directory: String?
    /// The umask, or `nil` to keep the daemon's.
    public var umask: UInt32?
    /// Run as this user (name or uid); the daemon must be root unless it is the daemon's own user.
    public var user: String?
    /// Run with this primary group id (and it as the only supplementary group), or `nil` for the user's groups.
    /// Only root may give another group than the daemon's own.
    public var groupID: UInt32?
    /// How stderr is wired: a pipe of its own, or the stdout pipe (`redirect_stderr`).
    public var separateStandardError: Bool
    /// Further pipes for the child to write to, each at this descriptor number (> 2) in the child, e.g. a job's
    /// progress pipe at `TEND_PROGRESS_FD`.
    public var extraOutputDescriptors: [Int32]

    public init(arguments: [String], environment: [String]) {
        self.arguments = arguments
        self.environment = environment
        self.searchPath = nil
        self.directory = nil
        self.umask = nil
        self.user = nil
        self.groupID = nil
        self.separateStandardError = true
        self.extraOutputDescriptors = []
    }
}

/// A child started by `Launcher.launch(_:)`, with the daemon's ends of its pipes, all non-blocking and
/// close-on-exec. The caller owns every descriptor here (the pidfd included) and closes each when done.
public struct LaunchedChild: Sendable {
    /// The child's pid and pidfd, registered with `WatchedChildren` (reap it, then `WatchedChildren.release`).
    public var handle: ChildHandle
    /// The write end of the child's stdin.
    public var standardInput: Int32
    /// The read end of the child's stdout (and stderr, unless `separateStandardError`).
    public var standardOutput: Int32
    /// The read end of the child's stderr, or `nil` when it goes to stdout.
    public var standardError: Int32?
    /// The read ends of `extraOutputDescriptors`, in the same order.
    public var extraOutputs: [Int32]
}
