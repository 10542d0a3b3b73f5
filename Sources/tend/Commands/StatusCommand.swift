import ArgumentParser
import TendAPI
import TendClient

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of programs.",
        discussion: """
            One line per process, as supervisorctl prints it: the name (group:name unless the group has \
            the program's name), the state (STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, \
            UNKNOWN) and a description (pid and uptime, stop time, or why it failed). A scheduled program \
            between its runs is SCHEDULED, with its next run and the last one's exit status, time and length. \
            A program with probes or 'ready' shows its health after the state (RUNNING (healthy), \
            RUNNING (starting: …), RUNNING (unhealthy: …)), and a start that waits for its depends_on is \
            STARTING with 'waiting for NAME' as its description.

              tend status              every process
              tend status web          one program
              tend status worker:*     every process of a group

            Exit status: 3 when a process shown is stopped, exited or fatal; 4 when a name matches \
            nothing ('NAME: ERROR (no such process)'); 0 otherwise.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp("Processes to show: NAME, GROUP:*, GROUP:NAME or all (default: all).", valueName: "name"))
    var names: [String] = []

    func run() async throws {
        let connection = try DaemonConnection(global)
        let all = try await connection.get("/api/v1/programs", as: [ProcessStatus].self)
        var status = ExitStatus()
        var shown: [ProcessStatus] = []
        if names.isEmpty || names.contains("all") {
            shown = all
        } else {
            for name in names {
                let spec = Namespec(name)
                let (group, process) = (spec.group, spec.process)
                let matching = all.filter { $0.group == group && (process == nil || $0.name == process) }
                if matching.isEmpty {
                    Console.line(
                        process == nil ? "\(group): ERROR (no such group)" : "\(name): ERROR (no such process)")
                    status.value = ExitStatus.statusUnknown
                }
                shown += matching
            }
        }
        let rows = shown.map {
            SupervisorctlFormat.StatusRow(
                group: $0.group, name: $0.name, state: $0.stateText,
                description: $0.description)
        }
        Console.lines(SupervisorctlFormat.statusLines(rows))
        // A scheduled program between its runs is where it should be: it does not make the status fail.
        if shown.contains(where: { $0.state.isStoppedLike && !$0.isWaitingForSchedule }) {
            status.value = ExitStatus.statusNotRunning
        }
        try status.finish()
    }
}
