import TendConfig
import TendPlatform

/// One struct of supervisord's `getAllConfigInfo`: a process's settings, with `auto` and `none` for
/// values XML-RPC cannot carry (an automatic log file, no directory, no user).
struct ProgramConfigInfo {
    let spec: ProgramSpec
    let group: GroupSpec
    let inUse: Bool
    /// The stdout and stderr log paths of the running process, which replace `auto` while its group
    /// is managed (supervisord resolves its automatic log names when it adds a group).
    let logPaths: (stdout: String, stderr: String)?

    var value: XMLRPCValue {
        [
            "autostart": .bool(spec.autostart),
            "directory": .string(spec.directory ?? "none"),
            "uid": Self.uid(of: spec.user),
            "command": .string(spec.command),
            "exitcodes": .array(spec.exitCodes.map { .int(Int($0)) }),
            "group": .string(group.name),
            "group_prio": .int(group.priority),
            "inuse": .bool(inUse),
            "killasgroup": .bool(spec.killAsGroup),
            "name": .string(spec.name),
            "process_prio": .int(spec.priority),
            "redirect_stderr": .bool(spec.redirectStderr),
            "startretries": .int(spec.startRetries),
            "startsecs": .int(spec.startSecs),
            "stdout_capture_maxbytes": .int(Int(spec.stdoutLog.captureMaxBytes)),
            "stdout_events_enabled": .bool(spec.stdoutLog.eventsEnabled),
            "stdout_logfile": .string(Self.path(spec.stdoutLog, running: logPaths?.stdout)),
            "stdout_logfile_backups": .int(spec.stdoutLog.backups),
            "stdout_logfile_maxbytes": .int(Int(spec.stdoutLog.maxBytes)),
            "stdout_syslog": .bool(spec.stdoutLog.syslog),
            "stopsignal": .int(Int(spec.stopSignal.number)),
            "stopwaitsecs": .int(spec.stopWaitSecs),
            "stderr_capture_maxbytes": .int(Int(spec.stderrLog.captureMaxBytes)),
            "stderr_events_enabled": .bool(spec.stderrLog.eventsEnabled),
            "stderr_logfile": .string(
                spec.redirectStderr ? "none" : Self.path(spec.stderrLog, running: logPaths?.stderr)),
            "stderr_logfile_backups": .int(spec.stderrLog.backups),
            "stderr_logfile_maxbytes": .int(Int(spec.stderrLog.maxBytes)),
            "stderr_syslog": .bool(spec.stderrLog.syslog),
            "serverurl": .string(spec.serverURL ?? "none"),
        ]
    }

    /// A log destination as supervisord shows it: the path, `auto` (resolved once running) or `none`.
    static func path(_ log: LogSpec, running: String?) -> String {
        switch log.destination {
        case .file(let path): path
        case .none: "none"
        case .automatic: running.flatMap { $0.isEmpty ? nil : $0 } ?? "auto"
        }
    }

    /// The numeric uid of `user=` (a name or a number), or `none`.
    static func uid(of user: String?) -> XMLRPCValue {
        guard let user else { return "none" }
        if let number = Int(user) { return .int(number) }
        guard let identity = try? UserIdentity.lookup(user) else { return "none" }
        return .int(Int(identity.uid))
    }
}
