/// Computes stable configurations of a TBN: saturated configurations with the most polymers, under the
/// TBN's constraints.
///
/// The search is exact: ``SolveResult/entropy`` is the true maximum, and each configuration returned is
/// the best one (most polymers) that meets the constraints and differs from the ones before it.
/// Configurations differ when their partitions into polymers differ as printed (swapping two monomers
/// with the same tokens does not make a new configuration). A polymer is a set of monomers that its bonds
/// connect; every configuration carries its bonds.
public struct StableConfigsSolver: Sendable {
    /// The TBN to solve, with its constraints.
    public let tbn: TBN

    /// A solver for `tbn`.
    public init(tbn: TBN) {
        self.tbn = tbn
    }

    /// Computes the entropy and the configurations that `options` ask for.
    ///
    /// - Parameters:
    ///   - stop: checked at each check point (where progress is reported, and at each polymer the search
    ///     opens); once requested, the solve ends with ``TBNError/Code/earlyTermination`` at the last progress.
    ///   - progress: called as the search advances, with the configuration number and the polymer count
    ///     reached; never called after this returns.
    /// - Throws: ``TBNError`` when a constraint cannot hold (e.g. `PAIRED` on sites that are not
    ///   complementary), when `options` are out of range, when no saturated configuration has
    ///   ``SolveOptions/minimumPolymers`` polymers, or when `stop` was requested.
    public func solve(
        _ options: SolveOptions = SolveOptions(), stop: StopRequest? = nil,
        progress: (SolveProgress) -> Void = { _ in }
    ) throws(TBNError) -> SolveResult {
        var last = SolveProgress(count: 0, k: 0)
        func report(_ reached: SolveProgress) {
            last = reached
            progress(reached)
        }
        func checkPoint() throws(TBNError) {
            if let stop, stop.isRequested { throw .earlyTermination(at: last) }
        }
        guard options.configurationCount >= 1 else {
            throw TBNError(.invalidOption, "gen must be at least 1, got \(options.configurationCount).")
        }
        guard options.minimumPolymers >= 1 else {
            throw TBNError(.invalidOption, "init_k must be at least 1, got \(options.minimumPolymers).")
        }
        var check = ConstraintCheck(tbn: tbn)
        try check.check()
        try checkPoint()
        report(SolveProgress(count: 0, k: 0))

        let plainBonder = PolymerBonder(tbn: tbn, rules: SiteRules())
        let best = stableConfiguration(stop: stop, progress: report)
        try checkPoint()
        let entropy = best.polymerCount
        if entropy < options.minimumPolymers { throw .minimumPolymersExceedEntropy(options.minimumPolymers) }

        if tbn.constraints.isEmpty && options.configurationCount == 1 {
            try checkPoint()
            return SolveResult(configurations: [try withBonds(best, bonder: plainBonder)], entropy: entropy)
        }
        let bonder = PolymerBonder(tbn: tbn, rules: SiteRules(tbn: tbn, constraints: tbn.constraints))
        let kinds = Set(tbn.constraints.map(\.kind))
        let bondable: ([Int]) -> Bool = { bonder.canBond($0) }
        let problem = SearchProblemBuilder.build(
            tbn: tbn, applyingConstraints: true, typing: .byTokens, bondable: bondable
        )
        var settings = PartitionSearch.Settings()
        settings.capacity = options.configurationCount
        settings.minimumPolymers = options.minimumPolymers
        settings.upperBound = entropy
        // A best configuration never has a polymer that splits into two, unless a constraint holds it
        // together (TOGETHER, NOTFREE) or the next best ones are wanted.
        settings.irreducibleOnly =
            options.configurationCount == 1 && !kinds.contains(.together) && !kinds.contains(.notFree)
        settings.bondable = bondable
        let entries = withoutActuallyEscaping(report) { progress in
            let search = PartitionSearch(problem: problem, settings: settings) { kept, polymers in
                progress(SolveProgress(count: min(kept + 1, options.configurationCount), k: polymers))
            }
            search.onLevel = { [unowned search] level in
                progress(SolveProgress(count: min(search.pool.entries.count + 1, options.configurationCount), k: level))
            }
            search.stopRequest = stop
            search.run()
            return search.pool.entries
        }
        try checkPoint()
        var configurations: [Configuration] = []
        for entry in entries {
            configurations.append(try withBonds(entry.configuration, bonder: bonder))
        }
        try checkPoint()
        return SolveResult(configurations: configurations, entropy: entropy)
    }

    /// The stable configuration without constraints: the most polymers of any saturated configuration.
    private func stableConfiguration(stop: StopRequest?, progress: (SolveProgress) -> Void) -> Configuration {
        let problem = SearchProblemBuilder.build(tbn: tbn, applyingConstraints: false, typing: .byBalance)
        let best = withoutActuallyEscaping(progress) { progress in
            let search = PartitionSearch(problem: problem, settings: PartitionSearch.Settings()) { _, polymers in
                progress(SolveProgress(count: 1, k: polymers))
            }
            search.onLevel = { progress(SolveProgress(count: 1, k: $0)) }
            search.stopRequest = stop
            search.run()
            return search.pool.entries.first?.configuration
        }
        // The whole TBN is always saturated (each domain's limiting side is the smaller one), so the
        // search always keeps a configuration.
        return best ?? Configuration(polymers: [Array(tbn.monomers.indices)])
    }

    /// `configuration` with the bonds of each of its polymers.
    private func withBonds(_ configuration: Configuration, bonder: PolymerBonder) throws(TBNError) -> Configuration {
        var bonds: [Bond] = []
        for polymer in configuration.polymers {
            guard let polymerBonds = bonder.bonds(for: polymer) else {
                throw TBNError(
                    .internalInconsistency,
                    "Internal error: no bonding found for a polymer of the configuration found. Please report it."
                )
            }
            bonds.append(contentsOf: polymerBonds)
        }
        return Configuration(polymers: configuration.polymers, bonds: bonds)
    }
}
