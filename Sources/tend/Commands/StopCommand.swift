import ArgumentParser

struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop programs.",
        discussion: """
            Sends each named process its stopsignal and waits until it has stopped (after stopwaitsecs it \
            is killed), printing 'web: stopped' or 'web: ERROR (not running)' as supervisorctl does. \
            all stops groups in reverse priority order.

            Exit status: 1 for an unknown name or any failure; a process that was not running is not an \
            error.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.stop.run(names, on: connection, status: &status)
        try status.finish()
    }
}
