/// What the pairing constraints (`PAIRED`, `NOTPAIRED`, `ANYPAIRED`, `NOTANYPAIRED`) require of single
/// binding sites, looked up by site.
struct SiteRules {
    /// `PAIRED`: each named site to the site it must be bound to (both directions).
    var partner: [TBN.SiteReference: TBN.SiteReference] = [:]
    /// `NOTPAIRED`: pairs of sites that may not be bound to each other (both orders).
    var forbidden: Set<[TBN.SiteReference]> = []
    /// `ANYPAIRED`: sites that must be bound.
    var mustPair: Set<TBN.SiteReference> = []
    /// `NOTANYPAIRED`: sites that must stay unbound.
    var neverPair: Set<TBN.SiteReference> = []

    /// No rules: every site may bind any complementary site.
    init() {}

    /// The rules of the pairing constraints in `constraints`, whose site names must resolve in `tbn`.
    init(tbn: TBN, constraints: [Constraint]) {
        for constraint in constraints where constraint.kind.refersToBindingSites {
            let sites = constraint.arguments.compactMap { tbn.site(named: $0) }
            guard sites.count == constraint.arguments.count else { continue }
            switch constraint.kind {
            case .paired:
                partner[sites[0]] = sites[1]
                partner[sites[1]] = sites[0]
            case .notPaired:
                forbidden.insert([sites[0], sites[1]])
                forbidden.insert([sites[1], sites[0]])
            case .anyPaired:
                mustPair.insert(sites[0])
            case .notAnyPaired:
                neverPair.insert(sites[0])
            default:
                break
            }
        }
    }

    /// Whether any rule names `site`.
    func mentions(_ site: TBN.SiteReference) -> Bool {
        partner[site] != nil || mustPair.contains(site) || neverPair.contains(site)
            || forbidden.contains { $0[0] == site }
    }

    /// Whether `limiting` may be bound to `candidate` (not counting `PAIRED`, which the bonder fixes first).
    func allows(_ limiting: TBN.SiteReference, _ candidate: TBN.SiteReference) -> Bool {
        if neverPair.contains(limiting) || neverPair.contains(candidate) { return false }
        if let fixed = partner[limiting], fixed != candidate { return false }
        if let fixed = partner[candidate], fixed != limiting { return false }
        return !forbidden.contains([limiting, candidate])
    }
}
