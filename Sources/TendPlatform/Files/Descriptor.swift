#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few raw descriptor operations the layers above need, so that they never call libc themselves.
public enum Descriptor {
    /// Standard input (0).
    public static let standardInput: Int32 = 0
    /// Standard output (1).
    public static let standardOutput: Int32 = 1
    /// Standard error (2).
    public static let standardError: Int32 = 2

    /// Whether `fd` is a terminal (`isatty`).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Closes `fd` when it is valid (≥ 0).
    public static func close(_ fd: Int32) {
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Result of one non-blocking `read` or `write`.
    public enum Transfer: Sendable, Equatable {
        /// This many bytes moved (never 0 for a write).
        case bytes(Int)
        /// Read: end of file.
        case endOfFile
        /// Nothing can move now (EAGAIN); try again when the loop says the descriptor is ready.
        case wouldBlock
        /// Another error (EPIPE, EBADF, …), with its errno.
        case failed(Int32)
    }

    /// Reads once into `buffer`, retrying on EINTR.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            let code = errno
            if code == EINTR { continue }
            return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(code)
        }
    }

    /// Writes once from `bytes`, retrying on EINTR.
    public static func write(_ fd: Int32, from bytes: UnsafeRawBufferPointer) -> Transfer {
        while true {
            let count = Glibc.write(fd, bytes.baseAddress, bytes.count)
            if count >= 0 { return .bytes(count) }
            let code = errno
            if code == EINTR { continue }
            return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(code)
        }
    }

    /// Writes all of `bytes` to a blocking descriptor; `false` when a write fails (errno says why).
    public static func writeAll(_ fd: Int32, from bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard case .bytes(let count) = write(fd, from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) else {
                return false
            }
            offset += count
        }
        return true
    }
}
