import TendConfig
import TendPlatform

/// Where a daemon keeps its run-time files, derived from its configuration so that the CLI finds them
/// even when the daemon does not answer.
public enum DaemonFiles {
    /// The pidfile (`[supervisord] pidfile`).
    public static func pidfile(for configuration: Configuration) -> String {
        configuration.daemon.pidfile
    }

    /// The record of started children: `<pidfile>.children`.
    public static func childRecords(for configuration: Configuration) -> String {
        configuration.daemon.pidfile + ".children"
    }

    /// The scheduler's record of each scheduled program's last tick: `<pidfile>.ticks`.
    public static func tickRecords(for configuration: Configuration) -> String {
        configuration.daemon.pidfile + ".ticks"
    }

    /// The record of started job processes: `<pidfile>.jobs`.
    public static func jobRecords(for configuration: Configuration) -> String {
        configuration.daemon.pidfile + ".jobs"
    }

    /// Every record of started processes: the programs', then the jobs'.
    public static func allRecords(for configuration: Configuration) -> [String] {
        [childRecords(for: configuration), jobRecords(for: configuration)]
    }

    /// The embedded job database: `tend-jobs.sqlite` in `[tend] data_directory`, else in `run_directory`,
    /// else beside the pidfile.
    public static func jobDatabase(for configuration: Configuration) -> String {
        let pidfile = configuration.daemon.pidfile
        let besidePidfile = pidfile.lastIndex(of: "/").map { String(pidfile[..<$0]) } ?? "."
        let directory = configuration.tend.dataDirectory ?? configuration.tend.runDirectory ?? besidePidfile
        return (directory.isEmpty ? "" : directory) + "/tend-jobs.sqlite"
    }

    /// The daemon pid written in the pidfile, if that process is still alive.
    public static func livePID(pidfile: String) -> Int32? {
        guard let text = ProcStat.readSmallFile(pidfile),
            let pid = Int32(text.split(separator: "\n").first.map(String.init) ?? ""), pid > 0,
            ProcStat.startTime(of: pid) != nil
        else { return nil }
        return pid
    }
}
