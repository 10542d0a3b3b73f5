#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few questions the loader asks of the system: read a file, expand a glob, test a path, look up a
/// user or group, and the process's environment, host name and working directory.
enum ConfigFiles {
    /// The file's text (invalid UTF-8 is replaced), or why it cannot be read.
    static func read(_ path: String) -> Result<String, ConfigValueError> {
        if isDirectory(path) { return .failure(ConfigValueError("can't read \(path): it is a directory")) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ConfigValueError("can't read \(path): \(lastError)")) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            // The chunk is never empty, so its base address exists.
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ConfigValueError("can't read \(path): \(lastError)"))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The paths matching a shell glob (`*`, `?`, `[…]`), sorted; hidden files match only an explicit `.`.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// `path` made absolute against `directory`, with `.`, `..` and repeated slashes resolved textually
    /// (Python's `os.path.abspath`).
    static func absolute(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory part of `path` (Python's `os.path.dirname`): `""` for a bare name.
    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let head = path[..<slash]
        // dirname keeps a leading run of slashes ("/x" -> "/") and drops trailing ones ("a//b" -> "a").
        let trimmed = head.reversed().drop(while: { $0 == "/" }).reversed()
        return trimmed.isEmpty ? String(head.isEmpty ? "/" : head) : String(trimmed)
    }

    /// `~` and `~user` at the start of `path` replaced by the home directory (Python's `expanduser`);
    /// `home` is `$HOME` of the loader's environment. Unknown users leave the path unchanged.
    static func expandingUser(_ path: String, home: String?) -> String {
        guard path.hasPrefix("~") else { return path }
        let end = path.firstIndex(of: "/") ?? path.endIndex
        let user = path[path.index(after: path.startIndex)..<end]
        let directory: String?
        if user.isEmpty {
            directory = home ?? getpwuid(getuid()).flatMap { $0.pointee.pw_dir.map { String(cString: $0) } }
        } else {
            directory = getpwnam(String(user)).flatMap { $0.pointee.pw_dir.map { String(cString: $0) } }
        }
        guard var directory else { return path }
        if directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return directory + path[end...]
    }

    /// Whether a user name or numeric uid exists (supervisord's `name_to_uid`).
    static func userExists(_ user: String) -> Bool {
        if let uid = UInt32(user) { return getpwuid(uid) != nil }
        return getpwnam(user) != nil
    }

    /// Whether a group name or numeric gid exists (supervisord's `name_to_gid`).
    static func groupExists(_ group: String) -> Bool {
        if let gid = UInt32(group) { return getgrgid(gid) != nil }
        return getgrnam(group) != nil
    }

    /// The host name (`platform.node()`).
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The process's working directory.
    static var workingDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The process's environment.
    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// The directory of the running executable (from `/proc/self/exe`, else `argv[0]`).
    static var executableDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path =
            count > 0
            ? String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : absolute(CommandLine.arguments.first ?? ".", relativeTo: workingDirectory)
        return directoryName(path)
    }

    /// Python's `tempfile.gettempdir()` for `environment`: the first of `$TMPDIR`, `$TEMP`, `$TMP`, `/tmp`,
    /// `/var/tmp`, `/usr/tmp` that is a writable directory, made absolute; else `workingDirectory`.
    static func temporaryDirectory(environment: [String: String], workingDirectory: String) -> String {
        let candidates = ["TMPDIR", "TEMP", "TMP"].compactMap { environment[$0] } + ["/tmp", "/var/tmp", "/usr/tmp"]
        for candidate in candidates where !candidate.isEmpty {
            let path = absolute(candidate, relativeTo: workingDirectory)
            if isDirectory(path), access(path, W_OK | X_OK) == 0 { return path }
        }
        return workingDirectory
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
