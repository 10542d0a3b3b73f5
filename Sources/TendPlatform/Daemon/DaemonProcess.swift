import CTendShims
import TendConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The daemon's own process-level settings: umask, working directory, descriptor limit, pidfile,
/// signal handling. Kept here so the rest of the code never calls libc for them.
public enum DaemonProcess {
    /// This process's pid.
    public static var pid: Int32 { getpid() }

    /// This process's environment (read once, by the config layer's reader).
    public static var environment: [String: String] { ConfigLoader.processEnvironment }

    /// The current directory.
    public static var workingDirectory: String { ConfigLoader.processWorkingDirectory }

    /// The path of the running executable.
    public static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments.first ?? "tend" }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sets the umask.
    public static func setUmask(_ mask: UInt32) {
        umask(mode_t(mask))
    }

    /// Changes directory.
    /// - Throws: `SpawnError` worded for the user when the directory cannot be entered.
    public static func changeDirectory(_ path: String) throws(SpawnError) {
        guard chdir(path) == 0 else {
            throw SpawnError(
                stage: .chdir, errno: errno, message: "can't chdir to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `pid` into `path`.
    /// - Throws: `SpawnError` naming the file when it cannot be written.
    public static func writePidfile(_ path: String) throws(SpawnError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SpawnError(
                stage: .lookup, errno: errno,
                message: "could not write pidfile \(path): \(String(cString: strerror(errno)))")
        }
        var text = "\(getpid())\n"
        text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// Removes a file, ignoring a missing one.
    public static func remove(_ path: String) {
        unlink(path)
    }

    /// Whether a path exists.
    public static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Unblocks every signal in the calling thread, so that threads started afterwards inherit an empty mask: a
    /// daemon started with signals blocked (Foundation's `Process` blocks most) must still hear SIGTERM. Call at
    /// the start of `main`, before other threads exist.
    public static func clearSignalMask() {
        _ = tend_signal_mask_clear()
    }

    /// Handles `signals` instead of their default action: `handler` runs on the reactor thread after each
    /// arrival (`SignalWatcher`).
    /// - Throws: `SystemError` when a signal cannot be caught.
    public static func handleSignals(
        _ signals: [SignalName], _ handler: @escaping @Sendable (SignalName) -> Void
    ) throws(SystemError) {
        for name in signals {
            try SignalWatcher.shared.observe(name.number) { handler(name) }
        }
    }

    /// Lets go of the code pages only start-up needed (config parsing, argument parsing, the Swift runtime's
    /// first type lookups): they stop counting as resident memory; code that runs again is mapped back on
    /// demand. Call once the daemon serves.
    public static func releaseStartupMemory() {
        tend_release_startup_code()
    }

    /// Ignores SIGPIPE (a child that closed its stdin must not kill the daemon).
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Points stdin, stdout and stderr at /dev/null (a detached daemon after it reported readiness).
    public static func detachStandardStreams() {
        let null = open("/dev/null", O_RDWR)
        guard null >= 0 else { return }
        dup2(null, 0)
        dup2(null, 1)
        dup2(null, 2)
        if null > 2 { close(null) }
    }

    /// Writes text to stdout unbuffered.
    public static func writeStandardOutput(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
    }

    /// Writes text to stderr unbuffered.
    public static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
