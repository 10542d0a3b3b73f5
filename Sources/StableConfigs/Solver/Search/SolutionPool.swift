/// The best distinct configurations found so far, at most `capacity`, best first.
struct SolutionPool {
    struct Entry {
        var configuration: Configuration
        /// The configuration in terms of unit types, to tell distinct configurations apart.
        var key: [[Int]]
    }

    let capacity: Int
    /// Configurations with fewer polymers are not kept.
    var minimumPolymers: Int
    private(set) var entries: [Entry] = []

    init(capacity: Int, minimumPolymers: Int) {
        self.capacity = capacity
        self.minimumPolymers = minimumPolymers
    }

    var isFull: Bool { entries.count >= capacity }

    /// A configuration with more polymers than this is worth finding; fewer or equal is not.
    var threshold: Int {
        isFull ? entries[entries.count - 1].configuration.polymerCount : minimumPolymers - 1
    }

    /// Adds a configuration with `polymerCount > threshold` unless an equal one is already kept;
    /// returns whether it was added.
    mutating func insert(_ configuration: Configuration, key: [[Int]]) -> Bool {
        guard configuration.polymerCount > threshold, !entries.contains(where: { $0.key == key }) else {
            return false
        }
        let position =
            entries.firstIndex { $0.configuration.polymerCount < configuration.polymerCount } ?? entries.count
        entries.insert(Entry(configuration: configuration, key: key), at: position)
        if entries.count > capacity { entries.removeLast() }
        return true
    }
}
