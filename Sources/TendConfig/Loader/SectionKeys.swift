/// The keys each kind of section knows. A key outside its section's set is reported as a warning;
/// sections whose kind is missing here (`rpcinterface`, `ctlplugin`) take any key silently.
enum SectionKeys {
    static let daemon: Set<String> = [
        "logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "umask", "nodaemon", "silent",
        "minfds", "minprocs", "nocleanup", "childlogdir", "user", "directory", "strip_ansi", "environment",
        "identifier",
    ]

    static let unixServer: Set<String> = ["file", "chmod", "chown", "username", "password"]
    static let inetServer: Set<String> = ["port", "username", "password"]
    static let control: Set<String> = ["serverurl", "username", "password", "prompt", "history_file"]
    static let include: Set<String> = ["files"]
    static let group: Set<String> = ["programs", "priority"]
    /// `[tend]`: Tend's daemon-wide settings (`TendSettings`).
    static let tend: Set<String> = [
        "run_directory", "data_directory", "job_store", "node_name", "heartbeat", "scheduler",
        "job_durability",
    ]

    /// `[ncolony]`: the two directories and the restart policy of ncolony's monitor (`NcolonySettings`).
    static let ncolony: Set<String> = [
        "config", "messages", "threshold", "killtime", "minrestartdelay", "maxrestartdelay", "pid", "frequency",
    ]

    /// `[program:x]`: supervisord's keys, Tend's extensions, and keys reserved for Tend features to come.
    static let program: Set<String> = Set(
        [
            "command", "process_name", "numprocs", "numprocs_start", "priority", "autostart", "autorestart",
            "startsecs",
            "startretries", "exitcodes", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "user",
            "redirect_stderr", "stdout_logfile", "stdout_logfile_maxbytes", "stdout_logfile_backups",
            "stdout_capture_maxbytes", "stdout_events_enabled", "stdout_syslog", "stderr_logfile",
            "stderr_logfile_maxbytes", "stderr_logfile_backups", "stderr_capture_maxbytes", "stderr_events_enabled",
            "stderr_syslog", "environment", "directory", "umask", "serverurl",
            // Tend extensions (supervisord ignores them).
            "backoff_max", "environment_file", "crashloop_backoff",
            // The scheduler (ConfigBuilder+Schedule).
            "schedule", "schedule_timezone", "timeout", "grace", "overlap", "jitter", "misfire",
            // Dependencies (ConfigBuilder+Dependencies) and health (ConfigBuilder+Health).
            "depends_on", "depends_timeout", "ready", "ready_log_line",
        ] + ConfigBuilder.probeKeys)

    /// `[eventlistener:x]`: a program's keys and the pool's.
    static let eventListener: Set<String> = program.union(["events", "buffer_size", "result_handler"])

    /// The known keys of a section kind, or `nil` when the kind takes any key.
    static func known(forKind kind: String) -> Set<String>? {
        switch kind {
        case "supervisord": daemon
        case "unix_http_server": unixServer
        case "inet_http_server": inetServer
        case "supervisorctl": control
        case "include": include
        case "group": group
        case "tend": tend
        case "ncolony": ncolony
        case "program": program
        case "eventlistener": eventListener
        case "task": TaskSpec.knownKeys
        default: nil
        }
    }
}
