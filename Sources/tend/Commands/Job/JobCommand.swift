import ArgumentParser

/// `tend job …`: the job API from the command line.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Submit, inspect and cancel jobs of the daemon's job queue ([task:x] sections).",
        discussion: """
              tend job submit solve --data '{"n": 3}'     queue a job, print its id
              tend job submit solve --data @input.json --wait
                                                         queue it, show its progress, print its result
              tend job status ID                         the job's state, progress, result or error
              tend job cancel ID                         terminate it (a queued job never starts)
              tend job list --state running              recent jobs, newest first
            """,
        subcommands: [JobSubmitCommand.self, JobStatusCommand.self, JobCancelCommand.self, JobListCommand.self])
}
