import TendAPI

/// Fan-out of `SupervisorEvent`s to subscribers. Owned by the supervisor actor; each subscriber has its
/// own bounded buffer so a slow one loses its oldest events instead of slowing the supervisor down.
struct EventBus {
    private var subscribers: [Int: AsyncStream<SupervisorEvent>.Continuation] = [:]
    private var nextID = 0

    /// Publishes to every subscriber.
    func publish(_ event: SupervisorEvent) {
        for subscriber in subscribers.values { subscriber.yield(event) }
    }

    /// Whether anyone listens (so the caller can skip building events).
    var hasSubscribers: Bool { !subscribers.isEmpty }

    /// Adds a subscriber; `onEnd` runs with its id when its consumer goes away.
    mutating func subscribe(buffer: Int, onEnd: @escaping @Sendable (Int) -> Void) -> AsyncStream<SupervisorEvent> {
        let (stream, continuation) = AsyncStream<SupervisorEvent>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        let id = nextID
        nextID += 1
        continuation.onTermination = { _ in onEnd(id) }
        subscribers[id] = continuation
        return stream
    }

    mutating func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    mutating func finishAll() {
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers.removeAll()
    }
}
