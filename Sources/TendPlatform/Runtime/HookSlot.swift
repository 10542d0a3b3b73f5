import Synchronization

/// One replaceable closure, read and called from any thread (`WatchedChildren`'s release hook).
///
/// The closure is kept in a class box on purpose. Stored directly as a `Mutex<(@Sendable () -> Void)?>`, every
/// `withLock { $0 }` re-wraps it: the generic `inout` hands the value to the concrete closure through a
/// reabstraction thunk and writes it back through another, so after n reads a call runs through 2n nested thunks.
/// That was the job path's largest user-space cost (every job's exit read the hook: 2,000 jobs, 4,000 frames deep,
/// 14 % of the daemon's samples) and would have overflowed the reactor thread's stack after a few hundred
/// thousand jobs. A class reference is never reabstracted.
final class HookSlot: Sendable {
    private final class Box: Sendable {
        let hook: @Sendable () -> Void
        init(_ hook: @escaping @Sendable () -> Void) { self.hook = hook }
    }

    private let box = Mutex<Box?>(nil)

    /// Replaces the closure.
    func set(_ hook: @escaping @Sendable () -> Void) {
        let new = Box(hook)
        box.withLock { $0 = new }
    }

    /// Calls the closure, if one is set, outside the lock.
    func callAsFunction() {
        box.withLock { $0 }?.hook()
    }
}
