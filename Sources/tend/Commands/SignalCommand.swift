import ArgumentParser

struct SignalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal",
        abstract: "Send a signal to programs.",
        discussion: """
            Sends SIGNAL (HUP, SIGHUP or a number) to each named process that is running, printing \
            'web: signalled', 'web: ERROR (not running)' or 'web: ERROR (bad signal name)'.

              tend signal HUP web
              tend signal USR1 worker:*
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The signal: a name such as HUP or SIGHUP, or a number.", valueName: "signal"))
    var signal: String

    @Argument(help: ArgumentHelp("NAME, GROUP:*, GROUP:NAME or all.", valueName: "name"))
    var names: [String]

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        try await ProgramAction.signal(signal).run(names, on: connection, status: &status)
        try status.finish()
    }
}
