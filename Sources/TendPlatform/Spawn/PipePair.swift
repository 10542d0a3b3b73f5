import CTendShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A pipe between the daemon and a child, both ends close-on-exec (the spawner dup2s the child's end).
public struct PipePair: Sendable {
    /// The read end.
    public var read: Int32
    /// The write end.
    public var write: Int32

    /// Makes a pipe whose read end (`nonblockingRead`) or write end (`nonblockingWrite`) does not block.
    /// - Throws: `SpawnError` (stage `pipes`) when the daemon is out of descriptors.
    public init(nonblockingRead: Bool = false, nonblockingWrite: Bool = false) throws(SpawnError) {
        var fds: [Int32] = [-1, -1]
        guard tend_pipe(&fds, nonblockingRead ? 1 : 0, nonblockingWrite ? 1 : 0) == 0 else {
            let code = errno
            throw SpawnError(
                stage: .pipes, errno: code, message: "couldn't make a pipe: \(String(cString: strerror(code)))")
        }
        read = fds[0]
        write = fds[1]
    }

    /// Closes both ends.
    public func close() {
        Descriptor.close(read)
        Descriptor.close(write)
    }
}
