import ArgumentParser
import TendDaemon

struct ProcessesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "processes",
        abstract: "List the pids of the daemon and of every process it started.",
        discussion: """
            Prints 'Found process PID' for the daemon (from its pidfile, when that process is alive) and \
            for every child it recorded as started and still alive (programs and jobs). It does not ask the daemon anything, \
            so it also finds processes left behind by a daemon that died.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let configuration = try ConfigReader.loadForClient(try ConfigReader.path(global.configuration))
        for pid in DaemonProcesses.find(for: configuration) { Console.line("Found process \(pid)") }
    }
}
