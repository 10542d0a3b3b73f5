import ArgumentParser
import TendClient

/// Follows a job through `/api/v1/jobs/{id}/follow` until it ends, redrawing a status line on a terminal.
struct JobFollower {
    let connection: DaemonConnection

    /// The job in its final state.
    /// - Throws: `CLIError` when the daemon stops answering before the job ends; `ClientError` for a 404.
    func waitUntilFinished(_ id: String) async throws -> JobDocument {
        let showStatus = Console.errorIsTerminal
        var pending: [UInt8] = []
        var last: JobDocument?
        defer { if showStatus, last != nil { Console.statusLine("") } }
        for try await chunk in connection.client.stream("/api/v1/jobs/\(PathEscaping.escape(id))/follow") {
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                let job = try JobDocument(line)
                last = job
                if job.isFinished { return job }
                if showStatus {
                    Console.statusLine("\(job.id) \(job.state)" + (job.progressSummary.map { " " + $0 } ?? ""))
                }
            }
        }
        throw CLIError("the daemon stopped before job \(id) ended; see 'tend job status \(id)'")
    }

    /// Prints a finished job's result on stdout (completed), or its state and message on stderr and exits 2.
    static func printOutcome(_ job: JobDocument) throws {
        if job.state == "completed" {
            if let result = job.value["result"] { Console.line(result.text) }
            return
        }
        Console.error("tend: job \(job.id) \(job.state)" + (job.message.map { ": " + $0 } ?? ""))
        throw ExitCode(2)
    }
}
