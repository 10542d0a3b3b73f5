import ArgumentParser
import TendClient
import TendPlatform

struct JobListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recent jobs, newest first.",
        discussion: """
            One line per job: its id, task, state, when it was submitted and the node that ran it. Finished \
            jobs are listed until their result expires (result_ttl).

              tend job list                           the 100 newest jobs
              tend job list --task solve --state running,queued
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only jobs of this task.", valueName: "task"))
    var task: String?

    @Option(
        help: ArgumentHelp(
            "Only jobs in these states (comma-separated): queued, running, completed, failed, timed_out, terminated, crashed.",
            valueName: "states"))
    var state: String?

    @Option(help: "At most this many jobs.")
    var limit = 100

    func run() async throws {
        let connection = try DaemonConnection(global)
        var query = ["limit=\(limit)"]
        if let task { query.append("task=\(PathEscaping.escape(task))") }
        if let state { query.append("state=\(PathEscaping.escape(state))") }
        let answer = try JobDocument(
            try await connection.client.get("/api/v1/jobs?" + query.joined(separator: "&")).body)
        guard case .array(let jobs)? = answer.value["jobs"] else { throw CLIError("unexpected answer from the daemon") }
        let rows = jobs.map(JobDocument.init(value:)).map { job -> [String] in
            var submitted = ""
            if case .number(let text)? = job.value["submitted_at"], let seconds = Double(text) {
                submitted = LocalTime.format(secondsSinceEpoch: seconds)
            }
            return [job.id, job.task, job.state, submitted, job.value["node"]?.stringValue ?? "-"]
        }
        guard !rows.isEmpty else { return Console.line("no jobs") }
        let header = ["ID", "TASK", "STATE", "SUBMITTED", "NODE"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            Console.line(line)
        }
    }
}
