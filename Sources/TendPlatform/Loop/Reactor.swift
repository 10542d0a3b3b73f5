import CTendShims
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The daemon's one event-loop owner: a thread of its own that watches child pidfds, pipes and other
/// descriptors (inotify, signalfd) in one epoll set and runs timers, so a watched thing costs nothing while
/// nothing happens to it, and an idle daemon sleeps in `epoll_wait` without a timeout.
///
/// Programs' exits (`ChildReaper`), jobs' processes and pipes (TendJobs' `JobProcess`) and their deadlines
/// all run here.
///
/// Why not Dispatch sources: libdispatch's Linux event loop crashed now and then
/// (`_dispatch_event_loop_drain`) when hundreds of short jobs registered and cancelled pipe and pidfd sources
/// whose descriptor numbers were reused at once. Here a watch is removed with `EPOLL_CTL_DEL` on the loop
/// thread before its descriptor is closed, and an event already fetched for a removed watch is dropped by its
/// token, so descriptor reuse is harmless.
///
/// Thread safety: `execute(_:)` may be called from any thread; everything else (watches, timers, the shared
/// read buffer) only from work running on the loop thread.
public final class Reactor: @unchecked Sendable {
    /// A registered descriptor or timer, valid until removed.
    public struct Token: Hashable, Sendable {
        fileprivate let value: UInt64
    }

    /// The loop every runner of the process shares; its thread starts on first use.
    public static let shared = Reactor()

    /// Scratch space for reads; only touched on the loop thread (handlers never run at once).
    public let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    private let epoll: Int32
    private let wakeFD: Int32
    private let pending = Mutex<[@Sendable () -> Void]>([])
    // Loop-thread state.
    private var nextToken: UInt64 = 1
    private var watches: [UInt64: (fd: Int32, handler: () -> Void)] = [:]
    private var timers = TimerHeap<() -> Void>()

    private static let wakeToken: UInt64 = 0

    private init() {
        epoll = tend_epoll_create()
        wakeFD = tend_eventfd()
        precondition(epoll >= 0 && wakeFD >= 0, "the reactor needs an epoll set and an eventfd: \(errno)")
        _ = tend_epoll_add(epoll, wakeFD, 0, Self.wakeToken)
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = tend_thread_start(
            { raw in
                Unmanaged<Reactor>.fromOpaque(raw!).takeRetainedValue().run()
            }, context)
        precondition(started == 0, "couldn't start the reactor thread: \(started)")
    }

    /// Runs `work` on the loop thread, after the work already queued.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        let wasEmpty = pending.withLock { queue in
            queue.append(work)
            return queue.count == 1
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = withUnsafeBytes(of: &one) { write(wakeFD, $0.baseAddress, 8) }
        }
    }

    /// Calls `handler` on the loop thread whenever `fd` is readable (or, with `writable`, writable), until
    /// `remove(_:)`. Level-triggered: a handler that leaves data unread is called again. Loop thread only.
    public func watch(_ fd: Int32, writable: Bool = false, handler: @escaping () -> Void) -> Token? {
        let token = takeToken()
        guard tend_epoll_add(epoll, fd, writable ? 1 : 0, token) == 0 else { return nil }
        watches[token] = (fd, handler)
        return Token(value: token)
    }

    /// Calls `handler` on the loop thread once `fd` is readable (at once if it cannot be watched), then stops
    /// watching it. May be called from any thread; `fd` stays open.
    public func onceReadable(_ fd: Int32, handler: @escaping @Sendable () -> Void) {
        execute { [self] in
            final class Slot { var token: Token? }
            let slot = Slot()
            slot.token = watch(fd) { [self] in
                if let token = slot.token { remove(token) }
                slot.token = nil
                handler()
            }
            if slot.token == nil { handler() }
        }
    }

    /// Calls `handler` once, `seconds` from now, unless removed first. Loop thread only.
    public func schedule(after seconds: Double, handler: @escaping () -> Void) -> Token {
        let token = takeToken()
        let nanoseconds = UInt64(max(0, seconds) * 1_000_000_000)
        timers.insert(token, deadline: Self.monotonicNow() &+ nanoseconds, handler: handler)
        return Token(value: token)
    }

    /// Stops a watch (its descriptor may be closed right after) or a timer. Loop thread only.
    public func remove(_ token: Token) {
        if let watch = watches.removeValue(forKey: token.value) {
            _ = tend_epoll_remove(epoll, watch.fd)
        } else {
            timers.remove(token.value)
        }
    }

    private func takeToken() -> UInt64 {
        defer { nextToken += 1 }
        return nextToken
    }

    private func run() {
        var ready = [UInt64](repeating: 0, count: 64)
        while true {
            let count = ready.withUnsafeMutableBufferPointer {
                tend_epoll_wait(epoll, $0.baseAddress, Int32($0.count), waitTimeout())
            }
            if count < 0 {
                precondition(errno == EINTR, "epoll_wait failed in the reactor: \(errno)")
                continue
            }
            for token in ready[..<Int(count)] {
                if token == Self.wakeToken {
                    runPending()
                } else if let handler = watches[token]?.handler {
                    handler()  // a watch removed earlier in this batch has no handler any more
                }
            }
            runDueTimers()
        }
    }

    private func runPending() {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { read(wakeFD, $0.baseAddress, 8) }
        let work = pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for item in work { item() }
    }

    private func runDueTimers() {
        guard !timers.isEmpty else { return }
        let now = Self.monotonicNow()
        let armedBefore = nextToken
        // One at a time, so that a handler that removes a later due timer keeps it from running.
        while let handler = timers.popDue(now: now, armedBefore: armedBefore) { handler() }
    }

    /// Milliseconds until the earliest timer (rounded up, so it is due on waking), or -1 (no timeout).
    private func waitTimeout() -> Int32 {
        guard let earliest = timers.earliestDeadline() else { return -1 }
        let now = Self.monotonicNow()
        guard earliest > now else { return 0 }
        return Int32(min((earliest - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    private static func monotonicNow() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
