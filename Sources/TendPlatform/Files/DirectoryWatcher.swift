import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Watches one directory with inotify on the `Reactor` and reports, as they happen, the names of the files that
/// appeared or changed there (a file closed after writing, or moved in: the `*.new`-then-rename pattern) and the
/// names that went away (deleted or moved out).
///
/// Nothing runs while the directory does not change: the inotify descriptor sits in the reactor's epoll set.
/// When the kernel's event queue overflows, `.overflow` says "rescan the directory"; when the directory itself is
/// deleted or moved, `.directoryGone` ends the stream.
///
/// Thread safety: `events` may be consumed from any task; `cancel()` may be called from any thread.
public final class DirectoryWatcher: Sendable {
    /// One change in the watched directory.
    public enum Event: Sendable, Equatable {
        /// `name` was written and closed, or moved into the directory.
        case changed(String)
        /// `name` was deleted or moved out of the directory.
        case removed(String)
        /// Events were lost (the kernel's queue overflowed): the directory must be scanned again.
        case overflow
        /// The directory itself was deleted or moved; no more events come.
        case directoryGone
    }

    /// Why a directory could not be watched.
    public struct WatchError: Error, Sendable, CustomStringConvertible {
        /// The directory.
        public var path: String
        /// What the kernel said.
        public var reason: String
        public var description: String { "cannot watch directory \(path): \(reason)" }
    }

    /// The events, in the order the kernel reported them; finishes after `cancel()` or `.directoryGone`.
    public let events: AsyncStream<Event>
    /// The watched directory.
    public let path: String

    private let continuation: AsyncStream<Event>.Continuation
    private let reactor: Reactor
    private let fd: Int32
    /// The reactor watch while active (reactor thread only; the lock keeps the compiler's checks).
    private let token = Mutex<Reactor.Token?>(nil)

    /// Starts watching `path`, which must be an existing directory.
    /// - Throws: `WatchError` when inotify cannot watch it (missing, not a directory, no permission, or the
    ///   inotify limits are reached).
    public init(path: String, reactor: Reactor = .shared) throws(WatchError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(path: path, reason: String(cString: strerror(errno))) }
        let mask: UInt32 =
            UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
            | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
        guard inotify_add_watch(descriptor, path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw WatchError(path: path, reason: reason)
        }
        self.path = path
        self.fd = descriptor
        self.reactor = reactor
        (events, continuation) = AsyncStream<Event>.makeStream()
        reactor.execute { [self] in
            let watch = reactor.watch(fd) { [self] in drain() }
            token.withLock { $0 = watch }
        }
    }

    /// Stops watching and finishes `events`. Safe to call more than once.
    public func cancel() {
        reactor.execute { [self] in stop() }
    }

    /// Reactor thread: stops the watch and closes the descriptor once.
    private func stop() {
        guard let watch = token.take() else { return }
        reactor.remove(watch)
        Glibc.close(fd)
        continuation.finish()
    }

    /// Reactor thread: reads every queued inotify record and yields its event.
    private func drain() {
        let buffer = reactor.buffer
        while true {
            guard case .bytes(let count) = Descriptor.read(fd, into: buffer) else { return }
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= count {
                let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = UnsafeRawBufferPointer(
                    rebasing: buffer[(offset + headerSize)..<(offset + headerSize + length)])
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += headerSize + length
                if let event = Self.event(mask: mask, name: name) {
                    continuation.yield(event)
                    if event == .directoryGone {
                        stop()
                        return
                    }
                }
            }
        }
    }

    /// The event an inotify record stands for, or `nil` for records that say nothing to the caller.
    static func event(mask: UInt32, name: String) -> Event? {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return .overflow }
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED)) != 0 { return .directoryGone }
        guard !name.isEmpty else { return nil }
        if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0 { return .changed(name) }
        if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 { return .removed(name) }
        return nil
    }
}
