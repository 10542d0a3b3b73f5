import ArgumentParser
import TendDaemon

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run the daemon.",
        discussion: """
            Loads the config file, ends processes left behind by a previous daemon that died (unless \
            --skip-cleanup), writes the pidfile, listens on [unix_http_server] (and [inet_http_server]) \
            and starts every autostart program, in priority order.

            It runs in the foreground and logs to the [supervisord] logfile (and stdout), unless \
            --detach is given or the config says nodaemon=false: then it returns once the daemon serves \
            requests. With [task:x] sections it also runs the job queue (SQLite beside the pidfile, or the \
            [tend] job_store). SIGTERM or SIGINT stop everything and exit; SIGHUP reloads the config; SIGUSR2 \
            reopens the log files.

            A second daemon on the same socket is refused.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run in the background; return once the daemon serves requests.")
    var detach = false

    @Flag(help: "Leave alone the processes a previous daemon that died left behind.")
    var skipCleanup = false

    @Flag(help: "Do not run scheduled jobs.")
    var disableScheduler = false

    @Flag(help: .private)
    var detachedChild = false

    func run() async throws {
        let path = try ConfigReader.path(global.configuration)
        let options = DaemonOptions(
            detach: detach, skipCleanup: skipCleanup, disableScheduler: disableScheduler, isDetachedChild: detachedChild)
        let status = await Daemon.run(configPath: path, options: options)
        if status != 0 { throw ExitCode(status) }
    }
}
