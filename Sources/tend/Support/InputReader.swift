#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads what a user hands the CLI: a whole file, or standard input.
enum InputReader {
    /// The bytes of the file at `path`.
    /// - Throws: `CLIError` naming the file and the system's reason.
    static func file(_ path: String) throws(CLIError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError("can't read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        return readAll(fd)
    }

    /// Everything on standard input, until end of file.
    static func standardInput() -> [UInt8] {
        readAll(STDIN_FILENO)
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
