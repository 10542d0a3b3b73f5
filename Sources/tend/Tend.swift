import ArgumentParser
import TendAPI
import TendClient
import TendDaemon

/// `tend`: runs the daemon and controls it, as supervisord and supervisorctl do.
struct Tend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tend",
        abstract: "Keep a machine's programs running; control them as supervisorctl does.",
        discussion: """
            tend reads supervisord.conf files. 'tend up' runs the daemon; the other commands talk to it \
            over its unix socket ([unix_http_server] file) or TCP ([inet_http_server]), with the same \
            output and exit statuses as supervisorctl 4.3.

            The config file is the one given with -c, else the first of supervisord's search order \
            (../etc/supervisord.conf and ../supervisord.conf beside the executable, ./supervisord.conf, \
            ./etc/supervisord.conf, /etc/supervisord.conf, /etc/supervisor/supervisord.conf), then \
            ./tend.conf. Global options may come before or after the command name.

            Names: NAME is a program (or group:process for a program in a [group:x] or with numprocs), \
            GROUP:* all processes of a group, and 'all' every process.

            Exit status: 0 on success, 1 for a usage or connection error (one line on stderr), and the \
            statuses supervisorctl uses otherwise: 3 when 'status' finds a program not running, 4 when \
            'status' is given an unknown name, 7 when a program could not be started or is not running.
            """,
        version: TendVersion.current,
        subcommands: [
            UpCommand.self, DownCommand.self, KillCommand.self, ProcessesCommand.self,
            StatusCommand.self, StartCommand.self, StopCommand.self, RestartCommand.self, RestartAllCommand.self,
            AddCommand.self, RemoveCommand.self,
            SignalCommand.self, TailCommand.self, PidCommand.self, AvailCommand.self, ClearCommand.self,
            RereadCommand.self, UpdateCommand.self, ReloadCommand.self, ShutdownCommand.self,
            JobCommand.self, CheckCommand.self, VersionCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    /// Runs the command, reporting every failure in one line on stderr: `tend: …`, exit status 1
    /// (or the status a command chose), never a stack trace.
    static func runCommandLine() async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Console.error("tend: \(message) (see 'tend --help')")
            exit(withError: ExitCode.failure)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let error as ClientError {
            Console.error("tend: \(error.message)")
            exit(withError: ExitCode.failure)
        } catch let error as CLIError {
            Console.error("tend: \(error.message)")
            exit(withError: ExitCode(error.exitCode))
        } catch let error as ValidationError {
            // A usage mistake found while running (not while parsing): one line and status 1, as parsing's own.
            Console.error("tend: \(error.message) (see 'tend --help')")
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
        return 0
    }
}
