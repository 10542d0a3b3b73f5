/// The `[supervisord]` section: settings of the daemon itself.
public struct DaemonSettings: Sendable, Hashable, Codable {
    /// The daemon's own log file; `nil` for `NONE`. Default `$CWD/supervisord.log`.
    public var logfile: String?
    /// Rotate the daemon log at this size; 0 never. Default 50 MB.
    public var logfileMaxBytes: Int64
    /// Rotated daemon logs kept. Default 10.
    public var logfileBackups: Int
    /// `critical`, `error`, `warn`, `info`, `debug`, `trace` or `blather`. Default `info`.
    public var loglevel: LogLevel
    /// The pidfile. Default `$CWD/supervisord.pid`.
    public var pidfile: String
    /// The daemon's umask. Default 022.
    public var umask: UInt32
    /// Stay in the foreground. Default `false` (supervisord's); `tend up` runs in the foreground
    /// unless `--detach` or this is false *and* written in the file.
    public var nodaemon: Bool
    /// Whether `nodaemon` was written in the file (so `tend up` knows the user asked for it).
    public var nodaemonIsExplicit: Bool
    /// Do not log to stdout in the foreground. Default `false`.
    public var silent: Bool
    /// Minimum free file descriptors (RLIMIT_NOFILE is raised to it). Default 1024.
    public var minfds: Int
    /// Minimum process slots (RLIMIT_NPROC is raised to it). Default 200.
    public var minprocs: Int
    /// Keep AUTO child logs at start. Default `false`.
    public var nocleanup: Bool
    /// Where AUTO child logs go. Default the system temp directory.
    public var childlogdir: String
    /// The user to switch to after start (root only).
    public var user: String?
    /// The daemon's working directory once started.
    public var directory: String?
    /// Strip ANSI escapes from child logs. Default `false`.
    public var stripAnsi: Bool
    /// Environment for every child.
    public var environment: [EnvironmentVariable]
    /// `getIdentification()`'s answer. Default `supervisor`.
    public var identifier: String

    /// supervisord's defaults, with `$CWD` resolved to `workingDirectory`.
    public init(workingDirectory: String, temporaryDirectory: String = "/tmp") {
        self.logfile = workingDirectory + "/supervisord.log"
        self.logfileMaxBytes = 50 * 1024 * 1024
        self.logfileBackups = 10
        self.loglevel = .info
        self.pidfile = workingDirectory + "/supervisord.pid"
        self.umask = 0o022
        self.nodaemon = false
        self.nodaemonIsExplicit = false
        self.silent = false
        self.minfds = 1024
        self.minprocs = 200
        self.nocleanup = false
        self.childlogdir = temporaryDirectory
        self.user = nil
        self.directory = nil
        self.stripAnsi = false
        self.environment = []
        self.identifier = "supervisor"
    }
}

/// supervisord's log levels, most to least severe.
public enum LogLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case critical, error, warn, info, debug, trace, blather

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }

    /// Parses supervisord's names (`warning` is accepted for `warn`).
    public init?(parsing text: String) {
        let lower = text.trimmingWhitespace().lowercased()
        if lower == "warning" {
            self = .warn
        } else if let level = LogLevel(rawValue: lower) {
            self = level
        } else {
            return nil
        }
    }
}
