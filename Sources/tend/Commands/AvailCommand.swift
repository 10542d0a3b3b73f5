import ArgumentParser
import TendAPI
import TendClient

struct AvailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avail",
        abstract: "List every configured program.",
        discussion: """
            One line per process of the running config: its name, 'in use' (managed by the daemon) or \
            'avail', 'auto' or 'manual' (autostart), and its group and process priorities.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let connection = try DaemonConnection(global)
        for program in try await connection.get("/api/v1/avail", as: [AvailableProgram].self) {
            Console.line(
                SupervisorctlFormat.availLine(
                    group: program.group, name: program.name, inUse: program.inUse, autostart: program.autostart,
                    groupPriority: program.groupPriority, priority: program.priority))
        }
    }
}
