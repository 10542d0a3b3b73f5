/// The exact search: a depth-first branch and bound that builds a configuration one polymer at a time.
///
/// Each polymer starts from a seed unit (the most constrained deficit unit) and grows: while it is not
/// saturated, the search branches on which unit supplies a domain it lacks (include one more copy, or
/// never again for this polymer), after adding every unit that the remaining supply makes unavoidable.
/// A saturated polymer is closed, or grown further. With `irreducibleOnly`, only the polymers that a
/// configuration with the most polymers can contain are built (a polymer that splits into two saturated
/// parts never is), and units that are saturated alone end as polymers of their own. Every node is
/// pruned by ``TransversalBound`` against the worst configuration the ``SolutionPool`` would keep.
final class PartitionSearch {
    /// What the search looks for.
    struct Settings {
        /// How many distinct configurations to keep.
        var capacity = 1
        /// Configurations with fewer polymers are not wanted.
        var minimumPolymers = 1
        /// A known upper bound on the polymer count, if any.
        var upperBound: Int?
        /// Build only irreducible polymers (enough for the best configuration, not for the next best).
        var irreducibleOnly = true
        /// When given, a polymer closes only if this accepts its monomers (see ``PolymerBonder``).
        var bondable: (([Int]) -> Bool)?
    }

    let problem: SearchProblem
    let settings: Settings
    let checker: PolymerChecker
    var pool: SolutionPool
    let report: (Int, Int) -> Void
    var bounder: TransversalBound

    // The pool of units not in any polymer yet.
    var remaining: [Int]
    var selfSaturatedRemaining = 0
    var deficitRemaining = 0
    // The open polymer.
    var inPolymer: [Int]
    var barred: [Int]
    var blocked: [Int]
    var balance: [Int]
    var polymerMonomers = 0
    var partnersNeeded = 0
    var polymerUnits: [Int] = []
    // Closed polymers, as lists of unit types.
    var closed: [[Int]] = []
    var rootBound = Int.max
    /// Per pool of remaining units (see ``memoKey()``), the most polymers they are known to form at most.
    var memo: [[UInt8]: Int] = [:]
    /// Configurations reached with more polymers than the pool's threshold (kept or not).
    var leavesAboveThreshold = 0
    var stopped = false
    var nodes = 0

    /// Prepares a search; `report(kept, polymers)` is called whenever a configuration is kept.
    init(problem: SearchProblem, settings: Settings, report: @escaping (Int, Int) -> Void) {
        self.problem = problem
        self.settings = settings
        self.checker = PolymerChecker(problem: problem)
        self.pool = SolutionPool(capacity: settings.capacity, minimumPolymers: settings.minimumPolymers)
        self.report = report
        self.bounder = TransversalBound(problem: problem)
        let typeCount = problem.types.count
        remaining = problem.types.map { $0.mustBeAlone ? 0 : $0.count }
        inPolymer = Array(repeating: 0, count: typeCount)
        barred = Array(repeating: 0, count: typeCount)
        blocked = Array(repeating: 0, count: typeCount)
        balance = Array(repeating: 0, count: problem.domainCount)
        for (index, type) in problem.types.enumerated() {
            if type.isSelfFeasible {
                selfSaturatedRemaining += remaining[index]
            } else {
                deficitRemaining += remaining[index]
            }
        }
    }

    /// When set and requested, the search stops at the next polymer it would open (``stopped``).
    var stopRequest: StopRequest?

    /// Called as each round of ``run()`` starts, with the polymer count it looks for.
    var onLevel: (Int) -> Void = { _ in }

    /// Runs the search to the end; the result is in ``pool``.
    ///
    /// The search descends from the root bound: a round at level k keeps only configurations with at least
    /// k polymers, so the bound prunes everything below k, and a round that finds none proves k out of
    /// reach. Without this, a search that finds no configuration early has nothing to prune with.
    func run() {
        guard !problem.isInfeasible else { return }
        rootBound = min(settings.upperBound ?? .max, upperBound(withOpenPolymer: false))
        var level = rootBound
        while level >= settings.minimumPolymers && !stopped {
            pool.minimumPolymers = level
            onLevel(level)
            startPolymer()
            if pool.isFull { break }
            level -= 1
        }
    }

    /// Copies of `type` that the open polymer may still take.
    @inline(__always)
    func available(_ type: Int) -> Int {
        barred[type] == 0 && blocked[type] == 0 ? remaining[type] : 0
    }

    /// Moves one copy of `type` from the pool into the open polymer.
    func add(_ type: Int) {
        let unitType = problem.types[type]
        remaining[type] -= 1
        if unitType.isSelfFeasible { selfSaturatedRemaining -= 1 } else { deficitRemaining -= 1 }
        inPolymer[type] += 1
        polymerUnits.append(type)
        for entry in unitType.surplus { balance[entry.domain] += entry.amount }
        for entry in unitType.deficit { balance[entry.domain] -= entry.amount }
        polymerMonomers += unitType.monomersPerUnit
        if unitType.needsPartner { partnersNeeded += 1 }
        if inPolymer[type] == 1 { for other in unitType.conflicts { blocked[other] += 1 } }
    }

    /// Undoes the last ``add(_:)``, which must have added `type`.
    func remove(_ type: Int) {
        let unitType = problem.types[type]
        if inPolymer[type] == 1 { for other in unitType.conflicts { blocked[other] -= 1 } }
        if unitType.needsPartner { partnersNeeded -= 1 }
        polymerMonomers -= unitType.monomersPerUnit
        for entry in unitType.deficit { balance[entry.domain] += entry.amount }
        for entry in unitType.surplus { balance[entry.domain] -= entry.amount }
        polymerUnits.removeLast()
        inPolymer[type] -= 1
        if unitType.isSelfFeasible { selfSaturatedRemaining += 1 } else { deficitRemaining += 1 }
        remaining[type] += 1
    }

    /// Starts the next polymer, or records a configuration when no unit needs one.
    func startPolymer() {
        if stopped { return }
        if let stopRequest, stopRequest.isRequested {
            stopped = true
            return
        }
        nodes += 1
        if deficitRemaining == 0 && (settings.irreducibleOnly || selfSaturatedRemaining == 0) {
            record()
            return
        }
        if upperBound(withOpenPolymer: false) <= pool.threshold { return }
        let key = memoKey()
        let base = closed.count + problem.fixedPolymers.count
        if let key, let known = memo[key], base + known <= pool.threshold { return }
        let (threshold, leavesBefore) = (pool.threshold, leavesAboveThreshold)
        let seed = chooseSeed()
        add(seed)
        grow()
        remove(seed)
        if let key, !stopped, leavesAboveThreshold == leavesBefore { remember(key, atMost: threshold - base) }
    }

    /// Grows the open polymer until it is saturated, then closes it or grows it further.
    func grow() {
        if stopped { return }
        nodes += 1
        var forced: [Int] = []
        defer { for type in forced.reversed() { remove(type) } }
        guard propagate(forced: &forced) else { return }
        if upperBound(withOpenPolymer: true) <= pool.threshold { return }
        switch status() {
        case .saturated:
            if isBondable() { closePolymer() }
            branch(on: extensionCandidates())
        case .lacks(let domain):
            branch(on: supplyCandidates(for: domain))
        case .needsPartner:
            branch(on: problem.types.indices.filter { available($0) > 0 })
        case .unmatched(let special):
            branch(
                on: problem.types.indices.filter {
                    available($0) > 0 && problem.types[$0].specialDomains.contains(special)
                })
        }
    }

    /// For each candidate in turn: grow with one more copy of it, then bar it from this polymer.
    private func branch(on candidates: [Int]) {
        var barredHere: [Int] = []
        for type in byBound(candidates) where available(type) > 0 {
            if stopped { break }
            add(type)
            grow()
            remove(type)
            barred[type] += 1
            barredHere.append(type)
        }
        for type in barredHere { barred[type] -= 1 }
    }

    /// Whether the open polymer's monomers can be bound into one polymer (always, without a check).
    private func isBondable() -> Bool {
        guard let bondable = settings.bondable else { return true }
        var next = Array(repeating: 0, count: problem.types.count)
        var monomers: [Int] = []
        for type in polymerUnits {
            monomers.append(contentsOf: problem.types[type].units[next[type]])
            next[type] += 1
        }
        return bondable(monomers)
    }

    /// `candidates` with the most promising first: the highest upper bound once added (ties keep their
    /// order). Finding a best configuration early lets the bound prune the rest.
    private func byBound(_ candidates: [Int]) -> [Int] {
        guard candidates.count > 1 else { return candidates }
        var keyed: [(type: Int, bound: Int, order: Int)] = []
        for (order, type) in candidates.enumerated() where available(type) > 0 {
            add(type)
            keyed.append((type, upperBound(withOpenPolymer: true), order))
            remove(type)
        }
        keyed.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.order < $1.order }
        return keyed.map(\.type)
    }

    /// Closes the open polymer and searches the rest, then reopens it.
    private func closePolymer() {
        let saved = (inPolymer, barred, blocked, balance, polymerMonomers, partnersNeeded, polymerUnits)
        closed.append(polymerUnits)
        for index in inPolymer.indices {
            inPolymer[index] = 0
            barred[index] = 0
            blocked[index] = 0
        }
        for index in balance.indices { balance[index] = 0 }
        polymerMonomers = 0
        partnersNeeded = 0
        polymerUnits = []
        startPolymer()
        closed.removeLast()
        (inPolymer, barred, blocked, balance, polymerMonomers, partnersNeeded, polymerUnits) = saved
    }
}
