import TendConfig
import TendPlatform

extension JobRunner {
    /// Spawns the command of a claimed job and starts watching it; a job that cannot start is `crashed`.
    func start(_ job: Job, spec: TaskSpec) -> [Effect] {
        do {
            var launch = LaunchSpec(arguments: spec.arguments, environment: environment(for: job, spec: spec))
            launch.searchPath = options.environment["PATH"]
            launch.directory = spec.directory
            launch.umask = spec.umask
            launch.user = spec.user
            launch.extraOutputDescriptors = [options.progressDescriptor]
            let launched = try Launcher.launch(launch)
            let child = launched.handle
            let events = events
            let process = JobProcess(
                id: job.id, child: child, stdin: launched.standardInput, stdout: launched.standardOutput,
                stderr: launched.standardError ?? -1, progress: launched.extraOutputs[0], input: job.input,
                settings: JobProcess.Settings(
                    stopSignal: spec.stopSignal.number, grace: spec.grace, timeout: spec.timeout, limits: options.limits
                ),
                report: { events?.yield(.process($0)) })
            active[job.id] = ActiveJob(job: job, spec: spec, process: process, readyForStop: !spec.stopsWhenReady)
            // One read of /proc for both records of the process.
            let identity = ProcessIdentity.of(child.pid)
            records?.add(pid: child.pid, startTime: identity?.startTime, name: "task:\(spec.name):\(job.id)")
            runningCount[spec.name, default: 0] += 1
            process.start()
            guard let recorded = identity else { return [] }
            let store = store
            let claim = claim(of: job)
            let streak = processWrites
            return [
                {
                    do throws(JobStoreError) {
                        try await store.recordProcess(recorded, of: job.id, claim: claim)
                        streak.succeeded()
                    } catch {
                        streak.failed("\(job.id): \(error.message)")
                    }
                }
            ]
        } catch {
            logger.warning("job \(job.id) of task \(spec.name) couldn't start: \(error.message)")
            return [
                finishEffect(
                    job.id, claim: claim(of: job),
                    outcome: .crashed(message: "couldn't start the job: \(error.message)"),
                    exitStatus: nil, ttl: spec.resultTTL)
            ]
        }
    }

    /// The daemon's environment, then the task's, then the job's own variables.
    private func environment(for job: Job, spec: TaskSpec) -> [String] {
        var values = options.environment
        for variable in spec.environment { values[variable.name] = variable.value }
        values["TEND_JOB_ID"] = job.id.rawValue
        values["TEND_TASK_NAME"] = spec.name
        values["TEND_PROGRESS_FD"] = String(options.progressDescriptor)
        return values.map { "\($0.key)=\($0.value)" }
    }
}
