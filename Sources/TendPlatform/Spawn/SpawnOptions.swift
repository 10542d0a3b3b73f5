/// Everything the spawner needs to start one child.
public struct SpawnOptions: Sendable {
    /// The resolved path of the executable.
    public var executable: String
    /// argv, `argv[0]` included.
    public var arguments: [String]
    /// The whole environment of the child, as `KEY=value` strings.
    public var environment: [String]
    /// The working directory, or `nil` to keep the daemon's.
    public var directory: String?
    /// The umask, or `nil` to keep the daemon's.
    public var umask: UInt32?
    /// Switch to this identity in the child (the daemon must be root).
    public var identity: UserIdentity?
    /// Descriptors that become the child's 0, 1 and 2; `nil` is /dev/null.
    public var standardInput: Int32?
    public var standardOutput: Int32?
    public var standardError: Int32?
    /// Start the child in a new session and process group (default `true`).
    public var newSession: Bool
    /// Further descriptors for the child: each `source` becomes descriptor `target` (> 2) in the child
    /// (at most 16), e.g. a job's progress pipe at `TEND_PROGRESS_FD`.
    public var extraDescriptors: [(source: Int32, target: Int32)]

    public init(executable: String, arguments: [String], environment: [String]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = nil
        self.umask = nil
        self.identity = nil
        self.standardInput = nil
        self.standardOutput = nil
        self.standardError = nil
        self.newSession = true
        self.extraDescriptors = []
    }
}
