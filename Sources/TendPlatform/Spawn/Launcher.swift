#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The one way the daemon starts a child, for programs and jobs alike: finds the executable, checks the identity
/// to run as, makes the pipes, spawns under `WatchedChildren`'s lock (so the adopted-orphan reaper never takes its
/// exit), and closes the child's ends in the daemon.
public enum Launcher {
    /// Starts `spec`.
    /// - Throws: `SpawnError` worded as supervisord's (`can't find command …`, `Can't drop privilege as nonroot
    ///   user`, `couldn't make a pipe …`); nothing is left open or running then.
    public static func launch(_ spec: LaunchSpec) throws(SpawnError) -> LaunchedChild {
        var opened: [PipePair] = []
        do throws(SpawnError) {
            let executable = try ExecutableLookup.resolve(spec.arguments.first ?? "", path: spec.searchPath)
            let identity = try identity(for: spec.user, groupID: spec.groupID)
            let stdin = try PipePair(nonblockingWrite: true)
            opened.append(stdin)
            let stdout = try PipePair(nonblockingRead: true)
            opened.append(stdout)
            var stderr: PipePair?
            if spec.separateStandardError {
                let pair = try PipePair(nonblockingRead: true)
                opened.append(pair)
                stderr = pair
            }
            var extras: [PipePair] = []
            for _ in spec.extraOutputDescriptors {
                let pair = try PipePair(nonblockingRead: true)
                opened.append(pair)
                extras.append(pair)
            }
            var options = SpawnOptions(executable: executable, arguments: spec.arguments, environment: spec.environment)
            options.directory = spec.directory
            options.umask = spec.umask
            options.identity = identity
            options.standardInput = stdin.read
            options.standardOutput = stdout.write
            options.standardError = stderr?.write ?? stdout.write
            options.extraDescriptors = zip(extras, spec.extraOutputDescriptors).map { (source: $0.write, target: $1) }
            let handle = try WatchedChildren.spawn(options)
            for fd in [stdin.read, stdout.write] + [stderr?.write].compactMap({ $0 }) + extras.map(\.write) {
                Descriptor.close(fd)
            }
            return LaunchedChild(
                handle: handle, standardInput: stdin.write, standardOutput: stdout.read, standardError: stderr?.read,
                extraOutputs: extras.map(\.read))
        } catch {
            for pipe in opened { pipe.close() }
            throw error
        }
    }

    /// The identity to run as, or `nil` to keep the daemon's. A `groupID` replaces the user's groups (as
    /// Twisted's `switchUID(uid, gid)` for ncolony's `gid`); without a user it applies to the daemon's own uid.
    private static func identity(for user: String?, groupID: UInt32?) throws(SpawnError) -> UserIdentity? {
        guard user != nil || groupID != nil else { return nil }
        var identity =
            try user.map { name throws(SpawnError) in try UserIdentity.lookup(name) }
            ?? UserIdentity(uid: geteuid(), gid: getegid(), groups: [getegid()])
        if let groupID {
            identity.gid = groupID
            identity.groups = [groupID]
        }
        if UserIdentity.daemonIsRoot { return identity }
        if identity.uid == geteuid() && identity.gid == getegid() { return nil }
        throw SpawnError(stage: .setuid, message: "Can't drop privilege as nonroot user")
    }
}
