import CTendShims
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Turns signals into events on the `Reactor`: a caught signal marks itself pending and writes to one eventfd
/// in the reactor's epoll set; the reactor thread then calls the handlers of each pending signal.
///
/// Why not Dispatch signal sources: their handlers run on libdispatch's worker pool, and the first worker
/// thread starts libdispatch's pool monitor, a timer that wakes the process every second for as long as it lives.
/// Here a signal costs one wake-up of the reactor thread and an idle daemon never wakes.
///
/// Arrivals of one signal between two deliveries coalesce into one call (as kernel signals do); none is lost.
/// Handlers run on the reactor thread, one at a time, so they must not block.
public final class SignalWatcher: Sendable {
    /// The watcher of the process (signal dispositions are process-wide).
    public static let shared = SignalWatcher(reactor: .shared)

    private let reactor: Reactor
    /// Handlers by signal, kept in signal order when added, so that a delivery only walks the few caught signals.
    private let handlers = Mutex<[(signal: Int32, handlers: [@Sendable () -> Void])]>([])
    private let watching = Mutex<Bool>(false)

    private init(reactor: Reactor) {
        self.reactor = reactor
    }

    /// Catches `signal` (its default action no longer happens) and calls `handler` on the reactor thread after
    /// it arrives. Several handlers of one signal run in the order they were added; they stay for the life of
    /// the process.
    /// - Throws: `SystemError` when the eventfd cannot be made or the handler cannot be installed.
    public func observe(_ signal: Int32, handler: @escaping @Sendable () -> Void) throws(SystemError) {
        handlers.withLock { table in
            if let index = table.firstIndex(where: { $0.signal == signal }) {
                table[index].handlers.append(handler)
            } else {
                table.append((signal, [handler]))
                table.sort { $0.signal < $1.signal }
            }
        }
        try startWatching()
        guard tend_signal_catch(signal) == 0 else { throw SystemError("catch signal \(signal)") }
    }

    /// Puts the wakeup eventfd into the reactor's epoll set, once.
    private func startWatching() throws(SystemError) {
        let fd = tend_signal_wakeup_fd()
        guard fd >= 0 else { throw SystemError("make the signal eventfd") }
        let first = watching.withLock { watching in
            defer { watching = true }
            return !watching
        }
        guard first else { return }
        reactor.execute { [self] in
            let token = reactor.watch(fd) { [self] in deliver(from: fd) }
            precondition(token != nil, "couldn't watch the signal eventfd")
        }
    }

    /// Clears the eventfd, then runs the handlers of every signal marked pending. A signal that arrives after
    /// the read writes the eventfd again, so it is delivered on the next wake-up. Reactor thread only.
    private func deliver(from fd: Int32) {
        var count: UInt64 = 0
        _ = read(fd, &count, MemoryLayout<UInt64>.size)
        let all = handlers.withLock { $0 }
        for (signal, handlers) in all where tend_signal_take(signal) == 1 {
            for handler in handlers { handler() }
        }
    }
}
