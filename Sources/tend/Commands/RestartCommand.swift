import ArgumentParser

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Stop programs, then start them again.",
        discussion: """
            As supervisorctl: 'stop' then 'start' with the same names, printing the lines of both \
            ('web: stopped', then 'web: started'). It does not reread the config file: use 'reread' and \
            'update' for that.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.stop.run(names, on: connection, status: &status)
        try await ProgramAction.start.run(names, on: connection, status: &status)
        try status.finish()
    }
}
