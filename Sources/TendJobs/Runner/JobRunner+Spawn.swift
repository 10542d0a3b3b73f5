import TendConfig
import TendSupervisor

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension JobRunner {
    /// Spawns the command of a claimed job and starts watching it; a job that cannot start is `crashed`.
    func start(_ job: Job, spec: TaskSpec) -> [Effect] {
        var pipes: [JobPipe] = []
        do {
            let executable = try CommandPath.resolve(spec.arguments.first ?? "", path: options.environment["PATH"])
            let identity = try identity(for: spec)
            let stdin = try JobPipe(nonblockingWrite: true)
            pipes.append(stdin)
            let stdout = try JobPipe(nonblockingRead: true)
            pipes.append(stdout)
            let stderr = try JobPipe(nonblockingRead: true)
            pipes.append(stderr)
            let progress = try JobPipe(nonblockingRead: true)
            pipes.append(progress)
            var spawn = SpawnOptions(
                executable: executable, arguments: spec.arguments, environment: environment(for: job, spec: spec))
            spawn.directory = spec.directory
            spawn.umask = spec.umask
            spawn.identity = identity
            spawn.standardInput = stdin.read
            spawn.standardOutput = stdout.write
            spawn.standardError = stderr.write
            spawn.extraDescriptors = [(source: progress.write, target: options.progressDescriptor)]
            let child = try WatchedChildren.spawn(spawn)
            for fd in [stdin.read, stdout.write, stderr.write, progress.write] { closeDescriptor(fd) }
            let events = events
            let process = JobProcess(
                id: job.id, child: child, stdin: stdin.write, stdout: stdout.read, stderr: stderr.read,
                progress: progress.read, input: job.input,
                settings: JobProcess.Settings(
                    stopSignal: spec.stopSignal.number, grace: spec.grace, timeout: spec.timeout, limits: options.limits),
                report: { events?.yield(.process($0)) })
            active[job.id] = ActiveJob(job: job, spec: spec, process: process)
            records?.add(pid: child.pid, name: "task:\(spec.name):\(job.id)")
            runningCount[spec.name, default: 0] += 1
            process.start()
            guard let startTime = ProcStat.startTime(of: child.pid) else { return [] }
            let store = store
            let node = node
            let recorded = JobProcessIdentity(pid: child.pid, startTime: startTime)
            return [{ try? await store.recordProcess(recorded, of: job.id, node: node) }]
        } catch {
            for pipe in pipes { pipe.close() }
            logger.warning("job \(job.id) of task \(spec.name) couldn't start: \(error.message)")
            return [finishEffect(
                job.id, outcome: .crashed(message: "couldn't start the job: \(error.message)"), exitStatus: nil,
                ttl: spec.resultTTL)]
        }
    }

    /// The identity to run `spec` as, or `nil` to keep the daemon's.
    private func identity(for spec: TaskSpec) throws(SpawnError) -> UserIdentity? {
        guard let user = spec.user else { return nil }
        let identity = try UserIdentity.lookup(user)
        if UserIdentity.daemonIsRoot { return identity }
        if identity.uid == geteuid() { return nil }
        throw SpawnError(stage: .setuid, message: "can't run as user '\(user)': the daemon is not root")
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
