import ArgumentParser
import TendClient

struct JobStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a job: its state, progress, result or error.",
        discussion: "An unknown id, or one whose result expired, is an error (exit status 1).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The job id that 'tend job submit' printed.", valueName: "id"))
    var id: String

    @Flag(help: "Print the job as JSON, as /api/v1/jobs/ID answers.")
    var json = false

    func run() async throws {
        let connection = try DaemonConnection(global)
        let response = try await connection.client.get("/api/v1/jobs/\(PathEscaping.escape(id))")
        let job = try JobDocument(response.body)
        Console.line(json ? job.value.text : job.report)
    }
}
