import Synchronization

/// The children of the daemon that are watched by pidfd and reaped by their watcher: the supervisor's programs
/// and the job runner's jobs. The subreaper's adopted-orphan reaper (`ChildReaper`) reaps every other exited
/// child, so a child must be registered here from the moment it exists: `spawn` forks under the registry's lock.
public enum WatchedChildren {
    static let pids = Mutex<Set<Int32>>([])
    private static let releaseHook = HookSlot()

    /// Spawns a child whose exit the caller reaps through its pidfd (`ChildHandle.reap()`), then `release`s.
    /// - Throws: `SpawnError` as `Spawner.spawn`.
    public static func spawn(_ options: SpawnOptions) throws(SpawnError) -> ChildHandle {
        try pids.withLock { (pids) throws(SpawnError) -> ChildHandle in
            let child = try Spawner.spawn(options)
            pids.insert(child.pid)
            return child
        }
    }

    /// Says that the watcher reaped `pid`; adopted orphans that waited behind it are reaped next.
    public static func release(_ pid: Int32) {
        _ = pids.withLock { $0.remove(pid) }
        releaseHook()
    }

    /// What `release` runs after a watcher reaped its child (the adopted-orphan reaper's sweep).
    static func onRelease(_ hook: @escaping @Sendable () -> Void) {
        releaseHook.set(hook)
    }
}
