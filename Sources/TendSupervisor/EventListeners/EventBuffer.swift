/// A pool's queue of events waiting for a ready listener (supervisord's `event_buffer`): bounded by
/// `buffer_size`, dropping the oldest on overflow; rejected events go back to the front.
struct EventBuffer: Sendable {
    let capacity: Int
    private(set) var events: [(notification: Notification, poolSerial: Int)] = []
    private var nextPoolSerial = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Queues a new event; returns the serial of an event dropped to make room, if any.
    mutating func accept(_ notification: Notification) -> Int? {
        let dropped = makeRoom()
        events.append((notification, nextPoolSerial))
        nextPoolSerial += 1
        return dropped
    }

    /// Puts a rejected event back at the front (it keeps its pool serial).
    mutating func requeue(_ notification: Notification, poolSerial: Int) -> Int? {
        let dropped = makeRoom()
        events.insert((notification, poolSerial), at: 0)
        return dropped
    }

    /// Takes the oldest event.
    mutating func next() -> (notification: Notification, poolSerial: Int)? {
        events.isEmpty ? nil : events.removeFirst()
    }

    var isEmpty: Bool { events.isEmpty }

    private mutating func makeRoom() -> Int? {
        guard events.count >= capacity else { return nil }
        return events.removeFirst().notification.serial
    }
}
