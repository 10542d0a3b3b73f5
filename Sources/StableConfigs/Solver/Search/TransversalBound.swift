/// An upper bound on the number of polymers a pool of units can form.
///
/// Every polymer either contains a self-saturated unit or consists of deficit units only, so the count
/// is at most the number of self-saturated units plus the number of disjoint all-deficit polymers. The
/// latter is bounded by a set of units that every all-deficit polymer must use: units are removed
/// greedily until no deficit unit can have its deficits covered by the deficit units left (a necessary
/// condition for an all-deficit polymer); what is left over still counts half a polymer per unit.
struct TransversalBound {
    /// A pseudo-unit: the open polymer of the search, with its balances.
    struct Item {
        var surplus: [UnitType.Amount]
        var deficit: [UnitType.Amount]
    }

    private let items: [Item]
    private let deficitTypes: [Int]
    private var supply: [Int]
    private var counts: [Int]
    private var trial: [Int]

    init(problem: SearchProblem) {
        deficitTypes = problem.types.indices.filter {
            !problem.types[$0].isSelfFeasible && !problem.types[$0].mustBeAlone
        }
        items = deficitTypes.map { Item(surplus: problem.types[$0].surplus, deficit: problem.types[$0].deficit) }
        supply = Array(repeating: 0, count: problem.domainCount)
        counts = Array(repeating: 0, count: deficitTypes.count + 1)
        trial = counts
    }

    /// The bound for `selfSaturated` self-saturated units, the deficit units in `remaining` (copies per
    /// type), and `extra`, a further deficit pseudo-unit.
    mutating func bound(remaining: [Int], selfSaturated: Int, extra: Item?) -> Int {
        for (position, type) in deficitTypes.enumerated() { counts[position] = remaining[type] }
        counts[deficitTypes.count] = extra == nil ? 0 : 1
        var left = Self.closure(&counts, supply: &supply, items: items, extra: extra)
        var hitting = 0
        while left >= 3 {
            var bestLeft = left
            var bestPosition = -1
            for position in counts.indices where counts[position] > 0 {
                for index in counts.indices { trial[index] = counts[index] }
                trial[position] -= 1
                let trialLeft = Self.closure(&trial, supply: &supply, items: items, extra: extra)
                if trialLeft < bestLeft {
                    bestLeft = trialLeft
                    bestPosition = position
                }
            }
            // Removing one unit must take at least three out of play to lower the bound.
            guard bestPosition >= 0, left - bestLeft >= 3 else { break }
            counts[bestPosition] -= 1
            left = Self.closure(&counts, supply: &supply, items: items, extra: extra)
            hitting += 1
        }
        return selfSaturated + hitting + left / 2
    }

    /// Drops, until none is left to drop, every deficit unit whose deficit in some domain exceeds what
    /// the other units in `counts` can supply; returns how many units are left.
    private static func closure(_ counts: inout [Int], supply: inout [Int], items: [Item], extra: Item?) -> Int {
        for index in supply.indices { supply[index] = 0 }
        for position in counts.indices where counts[position] > 0 {
            for entry in (position < items.count ? items[position] : extra!).surplus {
                supply[entry.domain] += counts[position] * entry.amount
            }
        }
        var changed = true
        while changed {
            changed = false
            for position in counts.indices where counts[position] > 0 {
                let current = position < items.count ? items[position] : extra!
                guard current.deficit.contains(where: { supply[$0.domain] < $0.amount }) else { continue }
                for entry in current.surplus { supply[entry.domain] -= counts[position] * entry.amount }
                counts[position] = 0
                changed = true
            }
        }
        return counts.reduce(0, +)
    }
}
