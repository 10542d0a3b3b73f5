import ArgumentParser

struct RestartAllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart-all",
        abstract: "Restart every program.",
        discussion: "The same as 'tend restart all': every process is stopped (in reverse priority order), then every one is started.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.stop.run(["all"], on: connection, status: &status)
        try await ProgramAction.start.run(["all"], on: connection, status: &status)
        try status.finish()
    }
}
