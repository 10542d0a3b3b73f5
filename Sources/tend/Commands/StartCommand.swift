import ArgumentParser

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start programs.",
        discussion: """
            Starts each named process and waits until it is RUNNING (it stayed up for startsecs) or has \
            failed, printing one line per process as supervisorctl does:

              web: started
              web: ERROR (already started)
              web: ERROR (spawn error)
              web: ERROR (no such process)

            GROUP:* and all start only the processes that are not already running.

            Exit status: 7 when a process could not be started, 2 for an unknown group, 1 for any other \
            error; an already started process is not an error.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.start.run(names, on: connection, status: &status)
        try status.finish()
    }
}
