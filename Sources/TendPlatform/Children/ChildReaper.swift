import CTendShims
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Learns of child exits without polling, on the `Reactor`: each child's pidfd is in the reactor's epoll set
/// (readable when the child exits), and, because the daemon is a child subreaper, SIGCHLD makes the reactor reap
/// adopted grandchildren. It never calls `waitpid(-1)`: it peeks at the first exited child and reaps it only
/// when it is not one of the children watched by pidfd (`WatchedChildren`).
///
/// Every reap happens on the reactor thread, so exits are reported in the order they were seen.
public final class ChildReaper: Sendable {
    private let reactor: Reactor
    private let onAdoptedExit: @Sendable () -> Void
    private let subreaping = Atomic<Bool>(false)

    /// - Parameter onAdoptedExit: called (on the reactor thread) after adopted processes were reaped.
    public init(reactor: Reactor = .shared, onAdoptedExit: @escaping @Sendable () -> Void) {
        self.reactor = reactor
        self.onAdoptedExit = onAdoptedExit
    }

    /// Makes the daemon a child subreaper and starts reaping adopted processes.
    public func becomeSubreaper() {
        _ = tend_set_child_subreaper()
        do {
            // The handler runs on the shared reactor's thread; reaping happens on this reaper's reactor.
            try SignalWatcher.shared.observe(SIGCHLD) { [weak self] in
                guard let self else { return }
                reactor.execute { self.reapAdopted() }
            }
        } catch {
            // Adopted orphans then stay zombies until the daemon exits; programs are still watched by pidfd.
            DaemonProcess.writeStandardError("tend: \(error); adopted processes will not be reaped\n")
        }
        subreaping.store(true, ordering: .releasing)
        WatchedChildren.onRelease { [weak self] in
            guard let self else { return }
            reactor.execute { self.reapAdopted() }
        }
    }

    /// Launches `spec` (`Launcher.launch`) and watches the child: `onExit` runs once, on the reactor thread,
    /// right after the child is reaped (with the instant of the exit and the pid); the reaper then closes the
    /// pidfd. The caller owns the pipe ends.
    /// - Throws: `SpawnError` as `Launcher.launch`.
    public func launch(
        _ spec: LaunchSpec, onExit: @escaping @Sendable (ExitStatus, ContinuousClock.Instant, Int32) -> Void
    ) throws(SpawnError) -> LaunchedChild {
        let child = try Launcher.launch(spec)
        watch(child.handle, onExit: onExit)
        return child
    }

    /// Watches `child`'s pidfd on the reactor; `onExit` runs once, right after the child is reaped.
    private func watch(
        _ child: ChildHandle, onExit: @escaping @Sendable (ExitStatus, ContinuousClock.Instant, Int32) -> Void
    ) {
        reactor.execute { [self] in
            final class Slot { var token: Reactor.Token? }
            let slot = Slot()
            slot.token = reactor.watch(child.pidfd) { [self] in
                guard let status = child.reap() else { return }
                let now = ContinuousClock.now
                if let token = slot.token { reactor.remove(token) }
                slot.token = nil
                child.close()
                _ = WatchedChildren.pids.withLock { $0.remove(child.pid) }
                onExit(status, now, child.pid)
                // An adopted zombie may have been waiting behind this child in the peek order.
                if subreaping.load(ordering: .acquiring) { reapAdopted() }
            }
            precondition(slot.token != nil, "couldn't watch the pidfd of child \(child.pid)")
        }
    }

    /// Reaps exited children that are not watched by pidfd (adopted orphans), until the first exited
    /// child is a watched one (its watcher reaps it) or none is left. Reactor thread only.
    private func reapAdopted() {
        let reaped = WatchedChildren.pids.withLock { watched in
            var reaped = false
            while true {
                let pid = tend_peek_exited_child()
                guard pid > 0, !watched.contains(pid) else { break }
                var code: Int32 = 0
                var status: Int32 = 0
                guard tend_reap_pid(pid, &code, &status) == 1 else { break }
                reaped = true
            }
            return reaped
        }
        if reaped { onAdoptedExit() }
    }

    /// Watches processes that are not our children (the rest of a process group being stopped) through
    /// their pidfds; `onExit` runs on the reactor thread when each one ends. Returns how many are watched.
    public func watchOthers(_ pids: [Int32], onExit: @escaping @Sendable () -> Void) -> Int {
        var count = 0
        for pid in pids {
            let fd = tend_pidfd_open(pid)
            guard fd >= 0 else { continue }
            count += 1
            reactor.onceReadable(fd) {
                Descriptor.close(fd)
                onExit()
            }
        }
        return count
    }
}
