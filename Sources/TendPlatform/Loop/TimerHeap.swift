/// The reactor's timers, ordered by deadline: the earliest is found in O(1) and taken in O(log n), so a wake-up
/// costs what is due, not the number of armed timers (500 programs' probe and backoff timers, jobs' deadlines).
///
/// A removed timer leaves its heap entry behind (removal is a dictionary delete); such entries are skipped when
/// they reach the top, and the heap is rebuilt from the live timers when dead entries outnumber them, so
/// memory stays proportional to the live timers even when every timer is replaced before it fires (a
/// `ReactorTimer` re-armed on every event).
struct TimerHeap<Handler> {
    private struct Entry {
        let deadline: UInt64
        let token: UInt64
    }

    private var heap: [Entry] = []
    private var live: [UInt64: (deadline: UInt64, handler: Handler)] = [:]

    /// How many timers are armed.
    var count: Int { live.count }

    /// Whether no timer is armed.
    var isEmpty: Bool { live.isEmpty }

    /// Arms `token` for `deadline` (nanoseconds on the monotonic clock).
    mutating func insert(_ token: UInt64, deadline: UInt64, handler: Handler) {
        live[token] = (deadline, handler)
        push(Entry(deadline: deadline, token: token))
    }

    /// Disarms `token`; `false` when it was not armed.
    @discardableResult
    mutating func remove(_ token: UInt64) -> Bool {
        guard live.removeValue(forKey: token) != nil else { return false }
        if heap.count > 64 && heap.count > 2 * live.count { rebuild() }
        return true
    }

    /// The earliest deadline of an armed timer.
    mutating func earliestDeadline() -> UInt64? {
        dropDeadTop()
        return heap.first?.deadline
    }

    /// Takes the earliest timer when its deadline is at or before `now` and its token is below `armedBefore` (so
    /// that timers armed by the handlers of one batch wait for the next): it is disarmed and its handler returned.
    mutating func popDue(now: UInt64, armedBefore: UInt64 = .max) -> Handler? {
        dropDeadTop()
        guard let top = heap.first, top.deadline <= now, top.token < armedBefore else { return nil }
        popTop()
        return live.removeValue(forKey: top.token)?.handler
    }

    /// Removes entries at the top whose timer was removed (or re-armed under the same token with another deadline).
    private mutating func dropDeadTop() {
        while let top = heap.first, live[top.token]?.deadline != top.deadline {
            popTop()
        }
    }

    private mutating func rebuild() {
        heap = live.map { Entry(deadline: $0.value.deadline, token: $0.key) }
        guard heap.count > 1 else { return }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let child = right < heap.count && Self.precedes(heap[right], heap[left]) ? right : left
            guard Self.precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }

    /// Earlier deadline first; among equal deadlines, the timer armed first (lower token) first.
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline != b.deadline ? a.deadline < b.deadline : a.token < b.token
    }
}
