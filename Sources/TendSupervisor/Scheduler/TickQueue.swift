/// The scheduled programs' next ticks, earliest first: a binary min-heap of (wall time, program key, generation).
///
/// An entry whose generation is not the program's current one is stale (the program was re-planned, paused or
/// removed) and is dropped when it reaches the top, so re-planning costs O(log n) and nothing is searched.
struct TickQueue {
    struct Entry {
        var seconds: Double
        var key: String
        var generation: Int
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The earliest entry, stale or not.
    var first: Entry? { heap.first }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].seconds < heap[parent].seconds else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry.
    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].seconds < heap[smallest].seconds { smallest = left }
            if right < heap.count && heap[right].seconds < heap[smallest].seconds { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    mutating func removeAll() { heap.removeAll() }
}
