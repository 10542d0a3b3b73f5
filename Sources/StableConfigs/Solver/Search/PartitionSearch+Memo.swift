/// A table of the pools of remaining units already searched, so that a pool reached again by another
/// order of closing polymers is not searched twice.
///
/// Between polymers the rest of the search depends only on which units are left (the next seed and every
/// later choice are functions of it), so when a search of a pool finds no configuration above the
/// threshold, those units form at most `threshold - polymers already closed` polymers, whatever came before.
extension PartitionSearch {
    /// Entries kept at most; past this the table stops growing (memory stays bounded, the search stays exact).
    static let memoCapacity = 400_000

    /// The key of the current pool of remaining units, or `nil` when a count does not fit in a byte.
    func memoKey() -> [UInt8]? {
        var key = [UInt8]()
        key.reserveCapacity(remaining.count)
        for count in remaining {
            guard count < 256 else { return nil }
            key.append(UInt8(count))
        }
        return key
    }

    /// Records that the pool `key` forms at most `limit` polymers.
    func remember(_ key: [UInt8], atMost limit: Int) {
        if let known = memo[key] {
            if limit < known { memo[key] = limit }
        } else if memo.count < Self.memoCapacity {
            memo[key] = limit
        }
    }
}
