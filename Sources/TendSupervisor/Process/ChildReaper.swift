import CTendShims
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Learns of child exits without polling: one dispatch read source per child pidfd (readable when the
/// child exits), and, because the daemon is a child subreaper, a SIGCHLD source that reaps adopted
/// grandchildren. It never calls `waitpid(-1)`: it peeks at the first exited child and reaps it only
/// when it is not one of the children it watches by pidfd.
final class ChildReaper: Sendable {
    private let queue = DispatchQueue(label: "tend.exits")
    private let onAdoptedExit: @Sendable () -> Void
    private nonisolated(unsafe) var signalSource: (any DispatchSourceSignal)?

    /// - Parameter onAdoptedExit: called (on the reaper's queue) after adopted processes were reaped.
    init(onAdoptedExit: @escaping @Sendable () -> Void) {
        self.onAdoptedExit = onAdoptedExit
    }

    /// Makes the daemon a child subreaper and starts reaping adopted processes.
    func becomeSubreaper() {
        _ = tend_set_child_subreaper()
        let source = DispatchSource.makeSignalSource(signal: SIGCHLD, queue: queue)
        source.setEventHandler { [weak self] in self?.reapAdopted() }
        source.activate()
        signalSource = source
        WatchedChildren.onRelease { [weak self] in
            guard let reaper = self else { return }
            reaper.queue.async { reaper.reapAdopted() }
        }
    }

    /// Spawns a child and watches it. The spawn and the registration happen under the lock the
    /// adopted-orphan reaper takes (`WatchedChildren`), so a child that exits at once is never mistaken for
    /// an orphan.
    /// `onExit` runs once, on the reaper's queue, right after the child is reaped.
    func spawn(
        _ options: SpawnOptions, onExit: @escaping @Sendable (ExitStatus, ContinuousClock.Instant, Int32) -> Void
    ) throws(SpawnError) -> ChildHandle {
        let child = try WatchedChildren.spawn(options)
        watch(child, onExit: onExit)
        return child
    }

    /// Watches `child`'s pidfd; `onExit` runs once, on the reaper's queue, right after the child is reaped.
    /// The reaper closes the pidfd afterwards.
    private func watch(_ child: ChildHandle, onExit: @escaping @Sendable (ExitStatus, ContinuousClock.Instant, Int32) -> Void) {
        let source = DispatchSource.makeReadSource(fileDescriptor: child.pidfd, queue: queue)
        source.setEventHandler { [weak self] in
            guard let status = child.reap() else { return }
            let now = ContinuousClock.now
            source.cancel()
            source.setEventHandler(handler: nil)
            _ = WatchedChildren.pids.withLock { $0.remove(child.pid) }
            onExit(status, now, child.pid)
            // An adopted zombie may have been waiting behind this child in the peek order.
            if self?.signalSource != nil { self?.reapAdopted() }
        }
        source.setCancelHandler { child.close() }
        source.activate()
    }

    /// Reaps exited children that are not watched by pidfd (adopted orphans), until the first exited
    /// child is a watched one (its watcher reaps it) or none is left.
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
    /// their pidfds; `onExit` runs on the reaper's queue when each one ends. Returns how many are watched.
    func watchOthers(_ pids: [Int32], onExit: @escaping @Sendable () -> Void) -> Int {
        var count = 0
        for pid in pids {
            let fd = tend_pidfd_open(pid)
            guard fd >= 0 else { continue }
            count += 1
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler {
                source.cancel()
                source.setEventHandler(handler: nil)
                onExit()
            }
            source.setCancelHandler { close(fd) }
            source.activate()
        }
        return count
    }
}
