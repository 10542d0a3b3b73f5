import ArgumentParser
import TendDaemon

struct KillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Kill the daemon and every process it started, at once.",
        discussion: """
            Sends SIGKILL to the daemon (its pid from the pidfile), then to every child it recorded as \
            started and still alive (programs and jobs), and to each child's process group. It does not ask the daemon \
            anything, so it works when the daemon is stuck or gone. Prints 'Killing process PID' for \
            each. Use 'tend down' for a graceful stop.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let configuration = try ConfigReader.loadForClient(try ConfigReader.path(global.configuration))
        DaemonProcesses.killAll(for: configuration) { Console.line("Killing process \($0)") }
    }
}
