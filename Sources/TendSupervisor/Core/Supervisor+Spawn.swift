import CoreMetrics
import TendConfig
import TendPlatform

extension Supervisor {
    /// Starts a child for `process` (its machine is STARTING) and reports `spawned` or `spawnFailed`.
    func spawn(_ process: ManagedProcess) {
        let spec = process.spec
        do throws(SpawnError) {
            var launch = launchSpec(for: spec)
            if let socket = notifySocket(for: process) { launch.environment.append("NOTIFY_SOCKET=\(socket.address)") }
            let startInstant = ContinuousClock.now
            let key = process.key
            guard let reaper else { throw SpawnError(stage: .fork, message: "the supervisor is not active") }
            let launched = try reaper.launch(launch) { [notices] status, instant, pid in
                notices.yield(.childExited(key: key, pid: pid, status: status, at: instant))
            }
            let spawnTime = ContinuousClock.now - startInstant
            Timer(label: "tend_spawn_duration_seconds", factory: options.metrics)
                .recordNanoseconds(
                    spawnTime.components.seconds * 1_000_000_000 + spawnTime.components.attoseconds / 1_000_000_000)
            let child = launched.handle
            process.child = child
            process.groupLeader = child.pid
            process.spawnCount += 1
            process.stdin = StdinWriter(fd: launched.standardInput)
            process.startedAt = Int(WallClock.millisecondsSinceEpoch / 1000)
            pump.attach(fd: launched.standardOutput, to: process.stdout)
            if let stderr = launched.standardError { pump.attach(fd: stderr, to: process.stderr) }
            records?.add(pid: child.pid, name: spec.qualifiedName)
            listenerSpawned(process)
            if process.machine.isCrashLooping {
                logger.debug("spawned: '\(spec.name)' with pid \(child.pid)")
            } else {
                logger.info("spawned: '\(spec.name)' with pid \(child.pid)")
            }
            childSpawned(process)
            perform(process.machine.spawned(at: startInstant), for: process)
        } catch {
            var message = error.message
            if error.stage == .pipes { message = "Too many open files to spawn '\(spec.name)'" }
            logger.info("spawnerr: \(message)")
            perform(process.machine.spawnFailed(message), for: process)
        }
    }

    /// How a process of `spec` is started.
    func launchSpec(for spec: ProgramSpec) -> LaunchSpec {
        var launch = LaunchSpec(arguments: spec.arguments, environment: environment(for: spec))
        launch.searchPath = options.environment["PATH"]
        launch.directory = spec.directory
        launch.umask = spec.umask
        launch.user = spec.user
        launch.groupID = spec.groupID
        launch.separateStandardError = !spec.redirectStderr
        return launch
    }

    /// The child's environment, as supervisord builds it: the daemon's, then SUPERVISOR_* variables,
    /// then the program's (which already includes `[supervisord] environment` and `environment_file`).
    /// A program that does not inherit the daemon's environment (ncolony) gets only its own.
    func environment(for spec: ProgramSpec) -> [String] {
        guard spec.inheritsEnvironment else { return spec.environment.map { "\($0.name)=\($0.value)" } }
        var values = options.environment
        values["SUPERVISOR_ENABLED"] = "1"
        if let url = spec.serverURL ?? options.serverURL { values["SUPERVISOR_SERVER_URL"] = url }
        values["SUPERVISOR_PROCESS_NAME"] = spec.name
        values["SUPERVISOR_GROUP_NAME"] = spec.groupName
        for variable in spec.environment { values[variable.name] = variable.value }
        return values.map { "\($0.key)=\($0.value)" }
    }
}
