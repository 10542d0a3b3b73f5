import TendConfig
import TendPlatform

/// The daemon and the children it recorded as started, found from its files alone: `tend processes` and
/// `tend kill` work when the daemon is stuck or gone.
public enum DaemonProcesses {
    /// The daemon's pid (when alive), then every recorded child (program or job) still alive.
    public static func find(for configuration: Configuration) -> [Int32] {
        let daemon = DaemonFiles.livePID(pidfile: DaemonFiles.pidfile(for: configuration))
        let children = DaemonFiles.allRecords(for: configuration).flatMap { ChildRecords.survivors(path: $0) }
        return [daemon].compactMap { $0 } + children.map(\.pid)
    }

    /// Sends SIGKILL to the daemon, then to every recorded child still alive and its process group.
    /// - Parameter killing: called with each pid before it is killed.
    public static func killAll(for configuration: Configuration, killing: (Int32) -> Void) {
        if let pid = DaemonFiles.livePID(pidfile: DaemonFiles.pidfile(for: configuration)) {
            killing(pid)
            ProcessWatcher.sendKill(to: pid)
        }
        for path in DaemonFiles.allRecords(for: configuration) {
            for child in ChildRecords.survivors(path: path) { killing(child.pid) }
            _ = OrphanCleaner.killAll(recordsPath: path)
        }
    }
}
