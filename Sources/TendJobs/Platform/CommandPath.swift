import TendSupervisor

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Finds the file a task's command runs, as for programs: a name with a slash is used as is, a bare name is
/// searched in the daemon's `PATH`.
///
/// Mirrors TendSupervisor's internal `ExecutableLookup`; replace with it once that is public.
enum CommandPath {
    /// The path to exec for `program`, or a spawn error saying why there is none.
    static func resolve(_ program: String, path: String?) throws(SpawnError) -> String {
        var candidates: [String] = []
        if program.contains("/") {
            candidates = [program]
        } else {
            let directories = (path ?? "/bin:/usr/bin:/usr/local/bin").split(separator: ":", omittingEmptySubsequences: false)
            candidates = directories.map { ($0.isEmpty ? "." : String($0)) + "/" + program }
        }
        var info = stat()
        guard let found = candidates.first(where: { stat($0, &info) == 0 }) else {
            throw SpawnError(stage: .lookup, errno: ENOENT, message: "can't find command '\(program)'")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw SpawnError(stage: .lookup, errno: EISDIR, message: "command at '\(found)' is a directory")
        }
        if access(found, X_OK) != 0 {
            throw SpawnError(stage: .lookup, errno: EACCES, message: "command at '\(found)' is not executable")
        }
        return found
    }
}
