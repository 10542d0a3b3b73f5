#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Finds the file a command runs, as supervisord's `get_execv_args` does: a name with a slash is used
/// as is, a bare name is searched in the daemon's `PATH`.
public enum ExecutableLookup {
    /// The path to exec for `program`, or a spawn error worded as supervisord's.
    public static func resolve(_ program: String, path: String?) throws(SpawnError) -> String {
        var candidate = program
        var info = stat()
        var found = false
        if program.contains("/") {
            found = stat(program, &info) == 0
        } else {
            let directories = (path ?? "/bin:/usr/bin:/usr/local/bin").split(
                separator: ":", omittingEmptySubsequences: false)
            for directory in directories {
                let full = (directory.isEmpty ? "." : String(directory)) + "/" + program
                if stat(full, &info) == 0 {
                    candidate = full
                    found = true
                    break
                }
            }
        }
        guard found else { throw SpawnError(stage: .lookup, errno: ENOENT, message: "can't find command '\(program)'") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw SpawnError(stage: .lookup, errno: EISDIR, message: "command at '\(candidate)' is a directory")
        }
        if access(candidate, X_OK) != 0 {
            throw SpawnError(stage: .lookup, errno: EACCES, message: "command at '\(candidate)' is not executable")
        }
        return candidate
    }
}
