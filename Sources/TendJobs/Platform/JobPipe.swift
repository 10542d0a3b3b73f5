import CTendShims
import TendSupervisor

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A pipe between the runner and a job's process, both ends close-on-exec (the spawner dup2s the child's end).
struct JobPipe {
    var read: Int32
    var write: Int32

    /// Makes a pipe whose read end (`nonblockingRead`) or write end (`nonblockingWrite`) does not block.
    /// - Throws: `SpawnError` (stage `pipes`) when the daemon is out of descriptors.
    init(nonblockingRead: Bool = false, nonblockingWrite: Bool = false) throws(SpawnError) {
        var fds: [Int32] = [-1, -1]
        guard tend_pipe(&fds, nonblockingRead ? 1 : 0, nonblockingWrite ? 1 : 0) == 0 else {
            let code = errno
            throw SpawnError(stage: .pipes, errno: code, message: "couldn't make a pipe: \(String(cString: strerror(code)))")
        }
        read = fds[0]
        write = fds[1]
    }

    /// Closes both ends.
    func close() {
        closeDescriptor(read)
        closeDescriptor(write)
    }
}

/// Closes `fd` when it is valid.
func closeDescriptor(_ fd: Int32) {
    if fd >= 0 { _ = Glibc.close(fd) }
}

/// Makes the daemon survive writes to a pipe whose reader is gone (a job that never reads its stdin): the
/// write fails with EPIPE instead of killing the process. The daemon does this at start; the runner does it
/// too so that it works in any host process.
func ignoreBrokenPipeSignals() {
    signal(SIGPIPE, SIG_IGN)
}
