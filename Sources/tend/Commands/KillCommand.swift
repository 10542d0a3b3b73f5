import ArgumentParser
import TendSupervisor
import TendPlatform

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
        if let pid = DaemonFiles.livePID(pidfile: DaemonFiles.pidfile(for: configuration)) {
            Console.line("Killing process \(pid)")
            ProcessWatcher.sendKill(to: pid)
        }
        for child in DaemonFiles.allRecords(for: configuration).flatMap({ OrphanCleaner.killAll(recordsPath: $0) }) {
            Console.line("Killing process \(child.pid)")
        }
    }
}
