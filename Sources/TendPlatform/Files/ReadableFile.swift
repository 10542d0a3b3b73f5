#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads of whole files and of byte ranges (`pread`), for log tails and command input.
public enum ReadableFile {
    /// Every byte of `path`.
    /// - Throws: `SystemError` when it cannot be opened or read.
    public static func readAll(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("read", path: path) }
        defer { Descriptor.close(fd) }
        return try readAll(descriptor: fd, path: path)
    }

    /// Every byte until end of file from an open blocking descriptor (standard input, say).
    /// - Throws: `SystemError` when a read fails.
    public static func readAll(descriptor fd: Int32, path: String? = nil) throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let result = chunk.withUnsafeMutableBytes { Descriptor.read(fd, into: $0) }
            switch result {
            case .bytes(let count): bytes.append(contentsOf: chunk[..<count])
            case .endOfFile: return bytes
            case .wouldBlock: throw SystemError("read", path: path, code: EAGAIN)
            case .failed(let code): throw SystemError("read", path: path, code: code)
            }
        }
    }

    /// A file's current size and up to `length` bytes from `offset` (fewer at its end).
    /// - Returns: `nil` when the file cannot be opened.
    public static func read(_ path: String, offset: Int, length: Int) -> (bytes: [UInt8], size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Descriptor.close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size >= 0 else { return nil }
        let start = max(offset, 0)
        guard start < size, length > 0 else { return ([], size) }
        var buffer = [UInt8](repeating: 0, count: min(length, size - start))
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(start)) }
        return (Array(buffer.prefix(max(count, 0))), size)
    }
}
