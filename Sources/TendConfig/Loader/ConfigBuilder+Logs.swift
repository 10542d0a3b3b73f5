/// The `stdout_*` and `stderr_*` log keys of a program, as supervisord's `logfile_name` and friends.
///
/// `*_logfile` is `AUTO` (a file in `childlogdir`, the default), `NONE` or `OFF` (no file), or a path:
/// `~` is expanded and the directory part must exist, but a relative path stays relative (supervisord
/// opens it from its working directory). The deprecated `syslog` value means no file and `*_syslog = true`,
/// with a warning. `AUTO` without rotation (`*_logfile_maxbytes = 0`) is a warning, as in supervisord.
extension ConfigBuilder {
    mutating func readLog(_ section: LoadedSection, _ stream: String, _ expansion: Expansion, base: LogSpec) -> LogSpec
    {
        var log = base
        let key = "\(stream)_logfile"
        if let value = byteSize(section, "\(key)_maxbytes", expansion) { log.maxBytes = value }
        if let value = integer(section, "\(key)_backups", expansion, minimum: 0) { log.backups = value }
        if let entry = section.entry("\(stream)_syslog"), let value = boolean(section, "\(stream)_syslog", expansion) {
            log.syslog = value
            if value {
                report(
                    .warning, at: entry.location,
                    "'\(stream)_syslog' is accepted, but Tend does not send child output to syslog")
            }
        }
        if let entry = section.entry(key), let text = expanded(entry, expansion, again: expansion) {
            switch text.lowercased() {
            case "auto":
                log.destination = .automatic
            case "none", "off":
                log.destination = .none
            case "syslog":
                log.destination = .none
                log.syslog = true
                report(
                    .warning, at: entry.location,
                    "For [\(section.name)], \(key)=syslog but this is deprecated; use \(stream)_syslog=true instead (Tend does not send child output to syslog)"
                )
            default:
                if let path = existingDirectoryPath(text, at: entry) { log.destination = .file(path) }
            }
        }
        if log.destination == .automatic, log.maxBytes == 0 {
            report(
                .warning,
                at: section.entry(key)?.location ?? section.entry("\(key)_maxbytes")?.location ?? section.location,
                "For [\(section.name)], AUTO logging used for \(key) without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally"
            )
        }
        return log
    }
}
