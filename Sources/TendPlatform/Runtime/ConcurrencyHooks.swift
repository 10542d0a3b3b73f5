import CTendShims

/// Swift concurrency's enqueue hooks: once installed, the runtime hands every job bound for the global executor
/// (now, after a delay or at a deadline) or the main executor to one function instead of to libdispatch. The
/// daemon uses them to run its tasks on its own event loops (`EventLoopExecutor` in TendDaemon).
public enum ConcurrencyHooks {
    /// Receives each job: the job (an `UnownedJob`'s pointer), `mainExecutor` or `globalExecutor`, and for the
    /// global executor the nanoseconds to wait before it runs (0: at once).
    public typealias Sink = @convention(c) (UnsafeMutableRawPointer?, Int32, UInt64) -> Void

    /// The job's destination is the global executor.
    public static let globalExecutor = Int32(TEND_JOB_GLOBAL)
    /// The job's destination is the main executor (the main actor).
    public static let mainExecutor = Int32(TEND_JOB_MAIN)

    /// Routes every job to `sink`. Call once, at the start of `main`, before any task exists.
    /// - Returns: false when the hooks were already set (by this or other code): nothing changed then.
    public static func install(_ sink: Sink) -> Bool {
        tend_executor_install(sink) == 0
    }
}
