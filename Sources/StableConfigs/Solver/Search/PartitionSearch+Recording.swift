extension PartitionSearch {
    /// Records the configuration of the closed polymers, the fixed ones, and every unit left in the pool
    /// (all self-saturated) as a polymer of its own.
    func record() {
        var polymers = closed
        for (type, copies) in remaining.enumerated() where copies > 0 {
            for _ in 0..<copies { polymers.append([type]) }
        }
        let count = polymers.count + problem.fixedPolymers.count
        guard count > pool.threshold else { return }
        leavesAboveThreshold += 1
        let key = polymers.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
        if pool.insert(materialize(polymers), key: key) {
            report(pool.entries.count, count)
        }
        if pool.isFull && pool.threshold >= rootBound { stopped = true }
    }

    /// The configuration of monomers for polymers given as unit types, each copy taking the next unit.
    private func materialize(_ polymers: [[Int]]) -> Configuration {
        var next = Array(repeating: 0, count: problem.types.count)
        var result = problem.fixedPolymers
        for polymer in polymers {
            var monomers: [Int] = []
            for type in polymer {
                monomers.append(contentsOf: problem.types[type].units[next[type]])
                next[type] += 1
            }
            result.append(monomers)
        }
        return Configuration(polymers: result)
    }
}
