import ArgumentParser
import TendAPI

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Stop programs, then start them again.",
        discussion: """
            As supervisorctl: 'stop' then 'start' with the same names, printing the lines of both \
            ('web: stopped', then 'web: started'). It does not reread the config file: use 'reread' and \
            'update' for that. What depends on a name (depends_on) stops first and, once the name is back, \
            starts again too.

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
        let stopped = try await ProgramAction.stop.run(names, on: connection, status: &status)
        // Dependants that the stop took down with the names come back with them (the other way round).
        let named = names.map(Namespec.init)
        let dependants = stopped.filter { result in
            result.error == nil && !names.contains("all")
                && !named.contains { $0.group == result.group && ($0.process == nil || $0.process == result.name) }
        }.map { "\($0.group):\($0.name)" }.reversed()
        try await ProgramAction.start.run(names + dependants, on: connection, status: &status)
        try status.finish()
    }
}
