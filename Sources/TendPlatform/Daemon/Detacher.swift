#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Runs the daemon in the background: starts this executable again in a new session with a pipe for
/// stdout, and relays what it writes there until it reports `READY` (success) or exits (failure).
public enum Detacher {
    /// The line a detached daemon writes once it serves requests.
    public static let readyLine = "READY"

    /// Starts `arguments` (argv without the executable) as a detached copy of this program.
    /// - Returns: 0 once the copy is ready, 1 when it failed (its messages are relayed to stderr).
    public static func detach(arguments: [String]) -> Int32 {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return 1 }
        var options = SpawnOptions(
            executable: DaemonProcess.executablePath, arguments: [DaemonProcess.executablePath] + arguments,
            environment: DaemonProcess.environment.map { "\($0.key)=\($0.value)" })
        options.standardOutput = fds[1]
        options.standardError = fds[1]
        let child: ChildHandle
        do { child = try Spawner.spawn(options) } catch {
            DaemonProcess.writeStandardError("tend: can't start the daemon: \(error.message)\n")
            return 1
        }
        close(fds[1])
        defer {
            close(fds[0])
            child.close()
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[..<count]
            if String(decoding: output, as: UTF8.self).contains(readyLine + "\n") { return 0 }
        }
        DaemonProcess.writeStandardError(String(decoding: output, as: UTF8.self))
        return 1
    }
}
