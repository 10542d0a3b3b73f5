import ArgumentParser

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Stop programs, then start them again.",
        discussion: """
            As supervisorctl: 'stop' then 'start' with the same names, printing the lines of both \
            ('web: stopped', then 'web: started'). It does not reread the config file: use 'reread' and \
            'update' for that.

            With --ncolony-messages (or --ncolony-config) it writes one RESTART message per name to ncolony's \
            messages directory instead, byte for byte as 'python -m ncolony ctl restart' does, for whichever \
            daemon reads that directory.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var places: NcolonyPlaces

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        if places.isGiven {
            try NcolonyMessageWriter.write(names.map { .restart(name: $0) }, to: try places.messages(global))
            return
        }
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.stop.run(names, on: connection, status: &status)
        try await ProgramAction.start.run(names, on: connection, status: &status)
        try status.finish()
    }
}
