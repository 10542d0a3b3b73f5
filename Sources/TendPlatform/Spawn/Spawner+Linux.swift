import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Starts children with Tend's own fork/exec path (see `CTendShims`): one vfork-style clone, then in the
/// child only raw system calls (new session, descriptors, identity, directory, umask, exec).
public enum Spawner {
    /// Spawns a child and opens a pidfd for it.
    /// - Returns: the child's handle; its pidfd reports the exit.
    /// - Throws: `SpawnError` when the executable is missing, the identity cannot be taken, or exec fails.
    public static func spawn(_ options: SpawnOptions) throws(SpawnError) -> ChildHandle {
        var failErrno: Int32 = 0
        var failStage: Int32 = 0
        let pid: pid_t = withCStrings(options.arguments) { argv in
            withCStrings(options.environment) { envp in
                let groups = options.identity?.groups ?? []
                let extras = options.extraDescriptors.flatMap { [$0.source, $0.target] }
                return extras.withUnsafeBufferPointer { extraBuffer in
                    groups.withUnsafeBufferPointer { groupBuffer in
                        withOptionalCString(options.directory) { cwd in
                            options.executable.withCString { path in
                                var attr = tend_spawn_attr()
                                attr.path = path
                                attr.argv = argv
                                attr.envp = envp
                                attr.cwd = cwd
                                attr.umask = options.umask.map { Int32(bitPattern: $0) } ?? -1
                                if let identity = options.identity {
                                    attr.set_ids = 1
                                    attr.uid = identity.uid
                                    attr.gid = identity.gid
                                    attr.groups = groupBuffer.baseAddress
                                    attr.ngroups = Int32(groupBuffer.count)
                                }
                                attr.stdin_fd = options.standardInput ?? -1
                                attr.stdout_fd = options.standardOutput ?? -1
                                attr.stderr_fd = options.standardError ?? -1
                                attr.new_session = options.newSession ? 1 : 0
                                attr.extra_fds = extraBuffer.baseAddress
                                attr.n_extra_fds = Int32(options.extraDescriptors.count)
                                return tend_spawn(&attr, &failErrno, &failStage)
                            }
                        }
                    }
                }
            }
        }
        guard pid > 0 else {
            throw failure(stage: SpawnError.Stage(rawValue: failStage) ?? .exec, errno: failErrno, options: options)
        }
        let pidfd = tend_pidfd_open(pid)
        guard pidfd >= 0 else {
            let code = errno
            kill(pid, SIGKILL)
            var ignored: Int32 = 0
            waitpid(pid, &ignored, 0)
            throw SpawnError(
                stage: .pidfd, errno: code, message: "couldn't open a pidfd: \(SpawnError.errnoName(code))")
        }
        return ChildHandle(pid: pid, pidfd: pidfd)
    }

    private static func failure(stage: SpawnError.Stage, errno code: Int32, options: SpawnOptions) -> SpawnError {
        let name = SpawnError.errnoName(code)
        let message: String
        switch stage {
        case .chdir: message = "couldn't chdir to \(options.directory ?? ""): \(name)"
        case .setuid, .setgid, .setgroups:
            message = "couldn't setuid to \(options.identity?.uid ?? 0): \(name)"
        case .exec: message = "couldn't exec \(options.arguments.first ?? options.executable): \(name)"
        case .fork: message = "Too many processes in process table to spawn"
        default: message = "couldn't start child (\(stage)): \(name)"
        }
        return SpawnError(stage: stage, errno: code, message: message)
    }
}

/// Calls `body` with a NULL-terminated C array of the strings, valid only during the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
