import ArgumentParser

struct RestartAllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart-all",
        abstract: "Restart every program.",
        discussion: """
            The same as 'tend restart all': every process is stopped (in reverse priority order), then every one \
            is started. With --ncolony-messages (or --ncolony-config) it writes a RESTART-ALL message to ncolony's \
            messages directory instead, as 'python -m ncolony ctl restart-all' does.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var places: NcolonyPlaces

    func run() async throws {
        if places.isGiven {
            try NcolonyMessageWriter.write([.restartAll], to: try places.messages(global))
            return
        }
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.stop.run(["all"], on: connection, status: &status)
        try await ProgramAction.start.run(["all"], on: connection, status: &status)
        try status.finish()
    }
}
