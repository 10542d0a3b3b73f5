import Synchronization

/// Hands a store's events to every subscriber (one `AsyncStream` each); a building block for `JobStore`s.
///
/// Streams buffer without limit: events are small and every subscriber consumes them as they come.
public final class JobStoreEventHub: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<JobStoreEvent>.Continuation]>([:])
    private let nextKey = Atomic<Int>(0)

    public init() {}

    /// A new stream of the events published from now on; it ends when its consumer is cancelled.
    public func subscribe() -> AsyncStream<JobStoreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: JobStoreEvent.self)
        let key = nextKey.add(1, ordering: .relaxed).newValue
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: key) }
        }
        subscribers.withLock { $0[key] = continuation }
        return stream
    }

    /// Sends `event` to every subscriber.
    public func publish(_ event: JobStoreEvent) {
        subscribers.withLock { subscribers in
            for continuation in subscribers.values { continuation.yield(event) }
        }
    }

    /// Ends every stream (the store is closing).
    public func finish() {
        let all = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in all { continuation.finish() }
    }
}
