/// ncolony mode: the two directories Tend watches and the restart policy of Twisted's process monitor, from
/// `tend up --ncolony-config C --ncolony-messages M …` or a `[ncolony]` section (the command line wins).
public struct NcolonySettings: Sendable, Hashable, Codable {
    /// The directory of program files (`--config`): one JSON file per program, named by the program.
    public var configDirectory: String
    /// The directory of messages (`--messages`): RESTART, RESTART-ALL and RESTART-GROUP files.
    public var messagesDirectory: String
    /// A program that dies sooner than this many seconds after its start is restarted after a delay that
    /// doubles each time (`--threshold`, default 1).
    public var threshold: Double
    /// Seconds between SIGTERM and SIGKILL when a program is stopped (`--killtime`, default 5).
    public var killTime: Double
    /// The first restart delay after a quick death, in seconds (`--minrestartdelay`, default 1).
    public var minRestartDelay: Double
    /// The longest restart delay, in seconds (`--maxrestartdelay`, default 3600).
    public var maxRestartDelay: Double
    /// A directory where each program's pid is written to a file named after it (`--pid`), or `nil`.
    public var pidDirectory: String?

    /// Settings with ncolony's defaults for everything but the two directories.
    public init(configDirectory: String, messagesDirectory: String) {
        self.configDirectory = configDirectory
        self.messagesDirectory = messagesDirectory
        self.threshold = 1
        self.killTime = 5
        self.minRestartDelay = 1
        self.maxRestartDelay = 3600
        self.pidDirectory = nil
    }
}
