import ArgumentParser
import TendConfig
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

            ncolony mode: with --ncolony-config and --ncolony-messages (or the config's [ncolony] section) Tend \
            also runs one program per JSON file of the config directory, as `python -m twisted ncolony` does, \
            and applies the RESTART, RESTART-ALL and RESTART-GROUP files of the messages directory. Both \
            directories are watched with inotify, so a change is applied at once.
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

    @OptionGroup(title: "ncolony mode")
    var ncolony: NcolonyOptions

    func run() async throws {
        let overrides = try ncolony.overrides()
        // ncolony mode needs no config file.
        let standalone =
            global.configuration == nil && ConfigSearch.defaultPath() == nil
            && overrides.configDirectory != nil && overrides.messagesDirectory != nil
        let path = standalone ? "" : try ConfigReader.path(global.configuration)
        let options = DaemonOptions(
            detach: detach, skipCleanup: skipCleanup, disableScheduler: disableScheduler,
            isDetachedChild: detachedChild,
            ncolony: overrides)
        let status = await Daemon.run(configPath: path, options: options)
        if status != 0 { throw ExitCode(status) }
    }
}
