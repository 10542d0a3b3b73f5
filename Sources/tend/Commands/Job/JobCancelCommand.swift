import ArgumentParser
import TendClient

struct JobCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Terminate jobs: a queued job never starts; a running one gets its stop signal.",
        discussion: """
            A running job gets its task's stopsignal, on whichever node runs it, and SIGKILL after its \
            grace period; it then ends as 'terminated'. A finished job is left as it is.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The job ids.", valueName: "id"))
    var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the id of at least one job") }
    }

    func run() async throws {
        let connection = try DaemonConnection(global)
        for id in ids {
            let job = try JobDocument(
                try await connection.client.delete("/api/v1/jobs/\(PathEscaping.escape(id))").body)
            let what =
                switch job.state {
                case "terminated": "terminated"
                case "running": "terminating"
                default: "already \(job.state)"
                }
            Console.line("\(job.id): \(what)")
        }
    }
}
