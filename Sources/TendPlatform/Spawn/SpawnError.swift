#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Why a child could not be started, worded as supervisord words its spawn errors.
public struct SpawnError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the start-up the failure happened.
    public enum Stage: Int32, Sendable, Hashable {
        case lookup = -1
        case setsid = 1
        case redirect = 2
        case setgroups = 3
        case setgid = 4
        case setuid = 5
        case chdir = 6
        case exec = 7
        case fork = 8
        case pidfd = 9
        case pipes = 10
    }

    public var stage: Stage
    /// The errno, 0 when there is none.
    public var errno: Int32
    /// The user-facing text, e.g. `can't find command 'foo'`.
    public var message: String

    public init(stage: Stage, errno: Int32 = 0, message: String) {
        self.stage = stage
        self.errno = errno
        self.message = message
    }

    public var description: String { message }

    /// Whether the failure is that a file does not exist (`ENOENT`): supervisord's NO_FILE, not NOT_EXECUTABLE.
    public var isMissingFile: Bool { errno == ENOENT }

    /// The symbolic errno name (`ENOENT`) as supervisord reports it, or the number.
    public static func errnoName(_ code: Int32) -> String {
        switch code {
        case EPERM: "EPERM"
        case ENOENT: "ENOENT"
        case EACCES: "EACCES"
        case ENOTDIR: "ENOTDIR"
        case EISDIR: "EISDIR"
        case ENOEXEC: "ENOEXEC"
        case E2BIG: "E2BIG"
        case ENOMEM: "ENOMEM"
        case EAGAIN: "EAGAIN"
        case EMFILE: "EMFILE"
        case ENFILE: "ENFILE"
        case EINVAL: "EINVAL"
        case ELOOP: "ELOOP"
        case ENAMETOOLONG: "ENAMETOOLONG"
        case ETXTBSY: "ETXTBSY"
        default: String(code)
        }
    }
}
