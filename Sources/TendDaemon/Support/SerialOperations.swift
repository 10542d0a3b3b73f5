/// Runs async operations one at a time, in the order they were asked for, even across their suspension points
/// (an actor alone does not: it is re-entered at every `await`). The daemon's config operations go through one:
/// two reloads arriving at once never both start a job queue, and an update never sees half a reload.
actor SerialOperations {
    private var last: Task<Void, Never>?

    /// Runs `operation` after every operation asked for before it, and returns its result.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T {
        let previous = last
        let task = Task<T, Never> {
            await previous?.value
            return await operation()
        }
        last = Task { _ = await task.value }
        return await task.value
    }
}
