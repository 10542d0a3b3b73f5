import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Follows a file as `tail -F` does, for `/mainlogtail`: the last bytes first, then whatever is
/// appended, across rotations (the path names a new file: the rest of the old one is sent, then the
/// new one from its start) and truncations (`==> File truncated <==`, as supervisord's
/// `tail_f_producer` says, then the file from its start).
///
/// It wakes up only when the kernel reports a change: one inotify watch on the file's directory,
/// read by a dispatch source; events about other files of the directory are skipped by name, without
/// touching the file.
final class FileFollower: Sendable {
    private struct State {
        var fd: Int32
        var inode: ino_t
        var position: Int
    }

    private let path: String
    private let fileName: String
    private let inotify: Int32
    private let state: Mutex<State>
    private let output: AsyncStream<[UInt8]>.Continuation
    private let queue: DispatchQueue
    /// Touched only on `queue` once `start` has run.
    private nonisolated(unsafe) let source: any DispatchSourceRead

    /// The bytes of the file at `path`: its last `backlog` bytes (all of it when shorter), then every
    /// byte appended, until the stream's consumer stops iterating.
    /// - Throws: `FileFollowerError` when the file cannot be opened or watched.
    static func follow(_ path: String, backlog: Int) throws(FileFollowerError) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let follower = try FileFollower(path: path, backlog: backlog, output: continuation)
        continuation.onTermination = { _ in follower.stop() }
        follower.start()
        return stream
    }

    private init(path: String, backlog: Int, output: AsyncStream<[UInt8]>.Continuation) throws(FileFollowerError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        self.output = output
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileFollowerError(path: path, errno: errno) }
        var info = stat()
        fstat(fd, &info)
        let size = Int(info.st_size)
        state = Mutex(State(fd: fd, inode: info.st_ino, position: size >= backlog ? size - backlog : 0))
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        guard inotify >= 0, inotify_add_watch(inotify, directory, mask) >= 0 else {
            let error = FileFollowerError(path: directory, errno: errno)
            close(fd)
            if inotify >= 0 { close(inotify) }
            throw error
        }
        queue = DispatchQueue(label: "tend.file-follower")
        source = DispatchSource.makeReadSource(fileDescriptor: inotify, queue: queue)
    }

    private func start() {
        source.setEventHandler { [weak self] in
            guard let self, self.drainEvents() else { return }
            self.sendNewBytes()
        }
        // Holds the follower until the source is cancelled, then releases it with the handlers.
        source.setCancelHandler {
            close(self.inotify)
            _ = self.state.withLock { close($0.fd) }
            self.output.finish()
        }
        source.activate()
        queue.async { self.sendNewBytes() }
    }

    private func stop() {
        queue.async { self.source.cancel() }
    }

    /// Reads every pending inotify event; true when one concerns the followed file.
    private func drainEvents() -> Bool {
        var concerned = false
        let capacity = 4096
        let buffer = UnsafeMutableRawPointer.allocate(
            byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(inotify, buffer, capacity)
            if count <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                if event.len > 0 {
                    let name = buffer.advanced(by: nameStart).assumingMemoryBound(to: CChar.self)
                    if String(cString: name) == fileName { concerned = true }
                }
                offset = nameStart + Int(event.len)
            }
        }
        return concerned
    }

    /// Sends what the file gained since the last read; switches to a new file at the path after a
    /// rotation, once the old one is read to its end.
    private func sendNewBytes() {
        state.withLock { state in
            send(from: &state)
            var current = stat()
            guard stat(path, &current) == 0, current.st_ino != state.inode else { return }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            close(state.fd)
            state = State(fd: fd, inode: current.st_ino, position: 0)
            send(from: &state)
        }
    }

    private func send(from state: inout State) {
        var info = stat()
        guard fstat(state.fd, &info) == 0 else { return }
        if Int(info.st_size) < state.position {
            output.yield(Array("==> File truncated <==\n".utf8))
            state.position = 0
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes {
                pread(state.fd, $0.baseAddress, $0.count, off_t(state.position))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            state.position += count
            output.yield(Array(buffer.prefix(count)))
        }
    }
}

/// A file that cannot be followed.
struct FileFollowerError: Error, Sendable, CustomStringConvertible {
    var path: String
    var errno: Int32

    var description: String { "cannot follow \(path): \(String(cString: strerror(errno)))" }
}
