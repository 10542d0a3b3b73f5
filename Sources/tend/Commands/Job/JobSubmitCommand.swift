import ArgumentParser
import TendAPI
import TendClient

struct JobSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue a job of a task and print its id.",
        discussion: """
            The input is a JSON document given to the task's command on stdin: --data '{"n": 3}', \
            --data @input.json, or --data - to read it from stdin (default {}).

            With --wait, it follows the job until it ends: on a terminal, a status line with the job's \
            latest progress is redrawn in place on stderr; then the result (the command's stdout) is printed \
            on stdout. Exit status: 0 when the job completed; 2 when it failed, timed out, was terminated \
            or crashed (its state and message on stderr).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The task ([task:NAME]) to run the job.", valueName: "task"))
    var task: String

    @Option(help: ArgumentHelp("The job's input: JSON text, @FILE, or - for stdin.", valueName: "json"))
    var data: String?

    @Flag(help: "Wait for the job to end, showing its progress, then print its result.")
    var wait = false

    func run() async throws {
        let input = try readInput()
        let connection = try DaemonConnection(global)
        let body =
            Array("{\"task\":".utf8) + JSONValue.string(task).serialized + Array(",\"input\":".utf8) + input
            + Array("}".utf8)
        let job = try JobDocument(try await connection.client.post("/api/v1/jobs", bytes: body).body)
        guard wait else { return Console.line(job.id) }
        let final = try await JobFollower(connection: connection).waitUntilFinished(job.id)
        try JobFollower.printOutcome(final)
    }

    /// The `--data` document, checked to be JSON.
    private func readInput() throws(CLIError) -> [UInt8] {
        guard let data else { return Array("{}".utf8) }
        let bytes: [UInt8]
        let origin: String
        if data == "-" {
            bytes = try InputReader.standardInput()
            origin = "stdin"
        } else if data.hasPrefix("@") {
            origin = String(data.dropFirst())
            bytes = try InputReader.file(origin)
        } else {
            bytes = Array(data.utf8)
            origin = "--data"
        }
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            throw CLIError("\(origin) is not JSON: \(error)")
        }
        return bytes
    }
}
