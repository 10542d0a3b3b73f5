import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Follows a file as `tail -F` does (for `/mainlogtail`): the last bytes first, then whatever is appended,
/// across rotations (the path names a new file: the rest of the old one is sent, then the new one from its start)
/// and truncations (`==> File truncated <==`, as supervisord's `tail_f_producer` says, then the file from its
/// start).
///
/// It wakes up only when the kernel reports a change: one inotify watch on the file's directory, in the
/// `Reactor`'s epoll set; events about other files of the directory are skipped by name, without touching the
/// file. All reading happens on the reactor thread.
public final class FileFollower: Sendable {
    private struct State {
        var fd: Int32
        var inode: ino_t
        var position: Int
    }

    private let path: String
    private let fileName: String
    private let inotify: Int32
    private let reactor: Reactor
    /// Touched only on the reactor thread (the lock keeps the compiler's checks).
    private let state: Mutex<State>
    private let token = Mutex<Reactor.Token?>(nil)
    private let output: AsyncStream<[UInt8]>.Continuation

    /// The bytes of the file at `path`: its last `backlog` bytes (all of it when shorter), then every byte
    /// appended, until the stream's consumer stops iterating (then the watch and the file are closed).
    /// - Throws: `SystemError` when the file cannot be opened or its directory watched.
    public static func follow(
        _ path: String, backlog: Int, reactor: Reactor = .shared
    ) throws(SystemError) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let follower = try FileFollower(path: path, backlog: backlog, reactor: reactor, output: continuation)
        continuation.onTermination = { _ in follower.stop() }
        follower.start()
        return stream
    }

    private init(
        path: String, backlog: Int, reactor: Reactor, output: AsyncStream<[UInt8]>.Continuation
    ) throws(SystemError) {
        self.path = path
        self.reactor = reactor
        let slash = path.lastIndex(of: "/")
        fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        self.output = output
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("follow", path: path) }
        var info = stat()
        fstat(fd, &info)
        let size = Int(info.st_size)
        state = Mutex(State(fd: fd, inode: info.st_ino, position: size >= backlog ? size - backlog : 0))
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        guard inotify >= 0, inotify_add_watch(inotify, directory, mask) >= 0 else {
            let error = SystemError("watch the directory of", path: path)
            close(fd)
            if inotify >= 0 { close(inotify) }
            throw error
        }
    }

    private func start() {
        reactor.execute { [self] in
            let watch = reactor.watch(inotify) { [self] in
                if drainEvents() { sendNewBytes() }
            }
            token.withLock { $0 = watch }
            sendNewBytes()
        }
    }

    private func stop() {
        reactor.execute { [self] in
            guard let watch = token.take() else { return }
            reactor.remove(watch)
            close(inotify)
            _ = state.withLock { close($0.fd) }
            output.finish()
        }
    }

    /// Reads every pending inotify event; true when one concerns the followed file.
    private func drainEvents() -> Bool {
        var concerned = false
        let buffer = reactor.buffer
        let headerSize = MemoryLayout<inotify_event>.size
        while case .bytes(let count) = Descriptor.read(inotify, into: buffer) {
            var offset = 0
            while offset + headerSize <= count {
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = UnsafeRawBufferPointer(
                    rebasing: buffer[(offset + headerSize)..<(offset + headerSize + length)])
                if length > 0, String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self) == fileName {
                    concerned = true
                }
                offset += headerSize + length
            }
        }
        return concerned
    }

    /// Sends what the file gained since the last read; switches to a new file at the path after a rotation, once
    /// the old one is read to its end.
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
