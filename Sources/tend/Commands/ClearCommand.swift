import ArgumentParser

struct ClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Empty the logs of programs.",
        discussion: "Empties the stdout and stderr logs (files and backups) of each named process: 'web: cleared'.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.clear.run(names, on: connection, status: &status)
        try status.finish()
    }
}
