import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TendPlatform

/// Runs Swift concurrency on SwiftNIO's singleton event loops instead of libdispatch's worker pool.
///
/// Why: the first libdispatch worker thread starts libdispatch's pool monitor, a timer that wakes the process
/// once a second for as long as it lives, so a daemon on the default executor is never idle. Here tasks run on
/// the loops that already serve the daemon's sockets (an actor's work and the I/O it waits for share threads),
/// `Task.sleep` is a timer of a loop, and an idle daemon sleeps in `epoll_wait` without a timeout. The async
/// `main` of Swift on Linux is driven by `dispatch_main`, whose main queue is served by libdispatch's workers,
/// so `tend` has a synchronous `main` that installs this and then blocks in `run(_:)`.
///
/// Main-actor jobs all go to one loop, so they run one at a time as the main actor requires.
public enum EventLoopExecutor {
    /// Installs the executor. Call once, first thing in a synchronous `main`.
    /// - Returns: false when another executor hook was installed first (the default executor stays then).
    @discardableResult
    public static func install() -> Bool {
        ConcurrencyHooks.install(enqueue)
    }

    /// Runs `body` as a task and blocks the calling thread until it returns its value.
    public static func run(_ body: @escaping @Sendable () async -> Int32) -> Int32 {
        let done = ConditionLock(value: false)
        let result = NIOLockedValueBox<Int32>(0)
        Task {
            let status = await body()
            result.withLockedValue { $0 = status }
            done.lock()
            done.unlock(withValue: true)
        }
        done.lock(whenValue: true)
        done.unlock()
        return result.withLockedValue { $0 }
    }
}

/// The loop that runs the main actor's jobs.
private let mainActorLoop = MultiThreadedEventLoopGroup.singleton.next()

/// Hands one job to a loop: the current one when called on a loop of the group (no thread hop), else any.
private let enqueue: ConcurrencyHooks.Sink = { pointer, destination, delay in
    let job = unsafeBitCast(pointer, to: UnownedJob.self)
    if destination == ConcurrencyHooks.mainExecutor {
        mainActorLoop.execute { job.runSynchronously(on: MainActor.sharedUnownedExecutor) }
        return
    }
    let loop = MultiThreadedEventLoopGroup.singleton.any()
    if delay == 0 {
        loop.executor.enqueue(ExecutorJob(job))
    } else {
        loop.scheduleTask(in: .nanoseconds(Int64(clamping: delay))) { loop.executor.enqueue(ExecutorJob(job)) }
    }
}
