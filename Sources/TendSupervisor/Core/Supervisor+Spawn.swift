import CTendShims
import TendConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Supervisor {
    /// Starts a child for `process` (its machine is STARTING) and reports `spawned` or `spawnFailed`.
    func spawn(_ process: ManagedProcess) {
        let spec = process.spec
        var pipes: [Int32] = []
        func closeAll() { for fd in pipes where fd >= 0 { close(fd) } }
        do throws(SpawnError) {
            let executable = try ExecutableLookup.resolve(spec.arguments.first ?? "", path: options.environment["PATH"])
            let identity = try identity(for: spec)
            let stdin = try makePipe(nonblockingWrite: true)
            let stdout = try makePipe(nonblockingRead: true)
            pipes = [stdin.read, stdin.write, stdout.read, stdout.write]
            var stderr: (read: Int32, write: Int32)? = nil
            if !spec.redirectStderr {
                let pair = try makePipe(nonblockingRead: true)
                pipes += [pair.read, pair.write]
                stderr = pair
            }
            var spawnOptions = SpawnOptions(
                executable: executable, arguments: spec.arguments, environment: environment(for: spec))
            spawnOptions.directory = spec.directory
            spawnOptions.umask = spec.umask
            spawnOptions.identity = identity
            spawnOptions.standardInput = stdin.read
            spawnOptions.standardOutput = stdout.write
            spawnOptions.standardError = stderr?.write ?? stdout.write
            let startInstant = ContinuousClock.now
            let key = process.key
            guard let reaper else { throw SpawnError(stage: .fork, message: "the supervisor is not active") }
            let child = try reaper.spawn(spawnOptions) { [weak self] status, instant, pid in
                guard let self else { return }
                Task { await self.childExited(key: key, pid: pid, status: status, at: instant) }
            }
            close(stdin.read)
            close(stdout.write)
            if let stderr { close(stderr.write) }
            process.child = child
            process.groupLeader = child.pid
            process.stdin = StdinWriter(fd: stdin.write)
            process.startedAt = Int(time(nil))
            pump.attach(fd: stdout.read, to: process.stdout)
            if let stderr { pump.attach(fd: stderr.read, to: process.stderr) }
            records?.add(pid: child.pid, name: spec.qualifiedName)
            listenerSpawned(process)
            logger.info("spawned: '\(spec.name)' with pid \(child.pid)")
            perform(process.machine.spawned(at: startInstant), for: process)
        } catch {
            closeAll()
            logger.info("spawnerr: \(error.message)")
            perform(process.machine.spawnFailed(error.message), for: process)
        }
    }

    private func makePipe(nonblockingRead: Bool = false, nonblockingWrite: Bool = false) throws(SpawnError)
        -> (read: Int32, write: Int32)
    {
        var fds: [Int32] = [-1, -1]
        guard tend_pipe(&fds, nonblockingRead ? 1 : 0, nonblockingWrite ? 1 : 0) == 0 else {
            let code = errno
            throw SpawnError(stage: .pipes, errno: code, message: "Too many open files to spawn '\(code)'")
        }
        return (fds[0], fds[1])
    }

    /// The identity to run `spec` as, or `nil` to keep the daemon's.
    private func identity(for spec: ProgramSpec) throws(SpawnError) -> UserIdentity? {
        guard let user = spec.user else { return nil }
        let identity = try UserIdentity.lookup(user)
        if UserIdentity.daemonIsRoot { return identity }
        if identity.uid == geteuid() { return nil }
        throw SpawnError(stage: .setuid, message: "Can't drop privilege as nonroot user")
    }

    /// The child's environment, as supervisord builds it: the daemon's, then SUPERVISOR_* variables,
    /// then the program's (which already includes `[supervisord] environment` and `environment_file`).
    func environment(for spec: ProgramSpec) -> [String] {
        var values = options.environment
        values["SUPERVISOR_ENABLED"] = "1"
        if let url = spec.serverURL ?? options.serverURL { values["SUPERVISOR_SERVER_URL"] = url }
        values["SUPERVISOR_PROCESS_NAME"] = spec.name
        values["SUPERVISOR_GROUP_NAME"] = spec.groupName
        for variable in spec.environment { values[variable.name] = variable.value }
        return values.map { "\($0.key)=\($0.value)" }
    }
}
